/**
 * The {@code hindsight trace} command (module {@code trace-cli}): a thin front end over
 * {@link dev.hindsight.tracer.Target} that starts a program (compiling sources first), stops at a
 * symbol and prints every instruction step as text or JSON lines, or with {@code --lines} steps by
 * source line from main and prints the variables in scope at every stop. Its JSON (Jackson) lives
 * here, outside the engine, which knows no wire format.
 *
 * <p>Instruction stops are printed on the engine's thread, inside one {@code Target.trace} (a
 * hand-off between threads per stop cost more than the step): {@link dev.hindsight.trace.PcDescriptions}
 * describes each pc once and says when only a stop can describe it (then the trace stops there,
 * the stop is printed as a stopped program's, and tracing goes on), {@link dev.hindsight.trace.JsonStopWriter}
 * writes a stop's JSON line into a reused buffer, and the output is flushed before a step that may
 * block and at exit.
 */
package dev.hindsight.trace;
