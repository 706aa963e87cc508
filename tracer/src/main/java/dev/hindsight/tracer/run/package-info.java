/**
 * Run control: the program's state (stopped, running, exited), the rule that execution requests
 * are accepted only while it is stopped, and the recording of every stop (current thread,
 * breakpoint hit counts, the stop cache renewed, the listeners told). Pause and kill work in any
 * state; an exit is reported once, whether a resumption or the kill saw it first.
 */
package dev.hindsight.tracer.run;
