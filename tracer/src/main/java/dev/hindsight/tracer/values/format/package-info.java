/**
 * Values printed exactly as gdb 13 prints them: integers, {@code 65 'A'} chars, {@code %g}-style
 * floats with round-trip precision, enums and flag enums, pointers with {@code <symbol>}, strings
 * with repeats and the 200-element limit, arrays, structs and libstdc++ containers.
 */
package dev.hindsight.tracer.values.format;
