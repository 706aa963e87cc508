/**
 * C and C++ types read from DWARF ({@link dev.hindsight.tracer.values.types.TypeReader}: base,
 * pointer, reference, array, struct/class/union with bases and bitfields, enum, typedef,
 * qualifiers, function) and named as gdb names them ({@link dev.hindsight.tracer.values.types.TypeNames},
 * with libstdc++'s short names from {@link dev.hindsight.tracer.values.types.StdTypeNames}).
 */
package dev.hindsight.tracer.values.types;
