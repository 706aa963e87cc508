package dev.hindsight.tracer;

import dev.hindsight.tracer.breakpoints.Breakpoint;
import java.util.List;

/**
 * The one session event model every front end maps to its wire format (DAP, GDB/MI, the web UI):
 * stopped, output, exited, thread changes, breakpoint changes.
 */
public sealed interface TargetEvent {

    /** The program stopped; {@code breakpointIds} are the logical breakpoints that were hit. */
    record Stopped(StopEvent.Stopped stop, List<Integer> breakpointIds) implements TargetEvent {
        public Stopped {
            breakpointIds = List.copyOf(breakpointIds);
        }
    }

    /** The program resumed (so clients can mark threads running). */
    record Continued(int tid, boolean allThreads) implements TargetEvent {}

    record Exited(StopEvent.Exited exit) implements TargetEvent {}

    /** Bytes the program wrote to stdout or stderr, as they were written. */
    record Output(Stream stream, byte[] bytes) implements TargetEvent {}

    record ThreadStarted(int tid) implements TargetEvent {}

    record ThreadExited(int tid) implements TargetEvent {}

    /** A logical breakpoint changed (verified, moved, removed). */
    record BreakpointChanged(Breakpoint breakpoint, boolean removed) implements TargetEvent {}

    enum Stream { STDOUT, STDERR }
}
