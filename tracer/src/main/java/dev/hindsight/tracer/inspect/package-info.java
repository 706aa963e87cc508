/**
 * The stopped program as the facade reads and writes it: registers and memory through the
 * current stop's {@link dev.hindsight.tracer.stack.StopCache} (renewed at every stop, thrown away
 * at every resumption or write), and the same program as the values engine sees it from one
 * thread ({@link dev.hindsight.tracer.inspect.FrameValues}: locals, expressions, assignments, a
 * function's returned value). {@link dev.hindsight.tracer.inspect.AnyTimeAccess} reaches memory and
 * globals whatever the state: while the program runs, without stopping it, as gdb does on Linux.
 * Front ends reach this through three facades the {@link dev.hindsight.tracer.Target} hands out:
 * {@link dev.hindsight.tracer.inspect.ThreadRegisters} ({@code target.registers()}),
 * {@link dev.hindsight.tracer.inspect.ProgramMemory} ({@code target.memory()}) and
 * {@link dev.hindsight.tracer.inspect.Frames} ({@code target.frames()}: backtraces and the values in
 * their frames); the rest is engine-internal.
 */
package dev.hindsight.tracer.inspect;
