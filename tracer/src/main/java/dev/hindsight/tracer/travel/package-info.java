/**
 * Going backwards through a recorded run: {@link dev.hindsight.tracer.travel.TimeTravel}, which
 * {@code Target.timeTravel()} offers when the backend knows the whole run
 * ({@link dev.hindsight.tracer.backend.History}, the index of a recording). Reverse stepping by
 * instruction, over calls, by source line (gdb's {@code reverse-next} and {@code reverse-step}),
 * out of a function ({@code reverse-finish}), reverse continue to breakpoints and data
 * breakpoints, and a jump to any time. Each is one engine operation with one stop event, as the
 * forward ones are, so front ends show them the same way.
 *
 * <p>Going back is defined as forward stepping read backwards: a reverse line step from the stop
 * of a forward {@code next} lands where the {@code next} began (same frame, the start of the
 * previous line's execution; calls made on the way are passed whole). What makes a frame is told
 * by instruction kinds: stepping back over a {@code ret} enters a callee (whose call instruction
 * the history finds directly), stepping back over a {@code call} leaves the function for its caller.
 */
package dev.hindsight.tracer.travel;
