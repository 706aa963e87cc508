/**
 * Values printed exactly as gdb 13 prints them: integers, {@code 65 'A'} chars, {@code %g}-style
 * floats with round-trip precision (half and bfloat16 lanes; x87's 80-bit long double on x86-64,
 * IEEE binary128 for AArch64's long double and {@code __float128}: {@code FloatFormat.text}), enums and flag enums, pointers with {@code <symbol>}, strings
 * with repeats and the 200-element limit, arrays, structs and libstdc++ containers.
 */
package dev.hindsight.tracer.values.format;
