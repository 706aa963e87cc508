package dev.hindsight.tracer;

import java.util.List;
import java.util.OptionalLong;

/** Where a resumption ended: the program stopped, or it is gone. */
public sealed interface StopEvent permits StopEvent.Stopped, StopEvent.Exited {

    /**
     * Why the program stopped. {@code END_OF_HISTORY}: a recording's last instruction was reached
     * going forwards (a recording ends there, but can still be gone back through); going
     * backwards, its first instruction is reported as {@code ENTRY}.
     */
    enum Reason { ENTRY, STEP, BREAKPOINT, SIGNAL, PAUSE, WATCHPOINT, EXEC, END_OF_HISTORY }

    /**
     * The program is stopped (all threads). {@code pc} is where the thread will resume; for a
     * breakpoint it is the breakpoint's address, for a fault the faulting instruction.
     */
    record Stopped(Reason reason, int tid, long pc, Signal signal, OptionalLong faultAddress,
                   List<Long> breakpointAddresses) implements StopEvent {
        public Stopped {
            breakpointAddresses = List.copyOf(breakpointAddresses);
        }

        public static Stopped simple(Reason reason, int tid, long pc) {
            return new Stopped(reason, tid, pc, null, OptionalLong.empty(), List.of());
        }

        public Stopped withReason(Reason r) {
            return new Stopped(r, tid, pc, signal, faultAddress, breakpointAddresses);
        }
    }

    /** The program ended: by exit (code) or by a signal (signal non-null). */
    record Exited(int exitCode, Signal signal) implements StopEvent {
        public boolean killedBySignal() {
            return signal != null;
        }

        @Override
        public String toString() {
            return signal != null ? "killed by " + signal.name() : "exited with code " + exitCode;
        }
    }
}
