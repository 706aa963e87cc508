/**
 * Run control: the program's state (stopped, running, exited), the rule that execution requests
 * are accepted only while it is stopped, and the recording of every stop (current thread,
 * breakpoint hit counts, the stop cache renewed, the listeners told). Pause and kill work in any
 * state; an exit is reported once, whether a resumption or the kill saw it first.
 *
 * <p>{@link dev.hindsight.tracer.run.ExecutionRequests} holds the execution requests a front end
 * makes through {@code target.execution()} (continue, run to, the gdb step family,
 * {@code finish}, a bounded trace), each one run-control operation built from the step engine.
 */
package dev.hindsight.tracer.run;
