/**
 * Program values at a stop: variables in scope (parameters, locals per lexical block, globals and
 * statics), their types as gdb names them, values formatted as gdb prints them, expandable
 * children for aggregates, pointers and containers, writes to scalars, and C expressions over them.
 * {@link dev.hindsight.tracer.values.Values} is the entry point behind {@code Target}; a
 * {@link dev.hindsight.tracer.values.Variable} is valid until the program resumes (it reads
 * memory when asked, and a {@code Frame} is a snapshot of registers). Also: the value a function
 * returned, read back by the architecture's calling convention
 * ({@link dev.hindsight.tracer.values.ReturnConvention}: x86-64 System V's
 * {@link dev.hindsight.tracer.values.ReturnClasses} and {@link dev.hindsight.tracer.values.ReturnRegisters},
 * AAPCS64's {@link dev.hindsight.tracer.values.Aapcs64Returns}),
 * and globals evaluated without a frame while the program runs (through
 * {@code inspect.RunningProgramAccess}, which reads memory without stopping it).
 *
 * <p>Sub-packages: {@code types} (DWARF types and their names), {@code format} (gdb's printing),
 * {@code scope} (which variables a frame sees and where they live), {@code expr} (C expressions),
 * {@code cxx} (libstdc++ containers).
 */
package dev.hindsight.tracer.values;
