package dev.hindsight.tracer.backend;

import dev.hindsight.tracer.StopEvent;
import java.util.concurrent.CompletableFuture;

/**
 * What a backend offers when the whole run is already known (a recording's index): any moment of
 * it can be visited, going backwards as cheaply as forwards. Time t is instruction t of the run
 * (0-based); at time t the program is about to execute it, and the backend's registers and memory
 * are those at {@link #now()}.
 *
 * <p>Such a backend's forward {@link Backend#resume} moves through the same history and, at its
 * last instruction, stops with {@link StopEvent.Reason#END_OF_HISTORY} instead of exiting, so that
 * a session can always go back. Like every backend call, these are made only while stopped.
 */
public interface History {
    /** Instructions in the run: the times 0 .. length()-1 can be visited. */
    long length();

    /** The time the program is stopped at. */
    long now();

    /** The pc of instruction {@code time} (a reverse line step asks for thousands: cheaper than all registers). */
    long pcAt(long time);

    /**
     * The latest time before {@code before} whose pc does not pass {@code inside}, or -1: where a
     * run of instructions all passing it (one source line's, say) began, found without asking for
     * each pc. This default asks for each; an index answers from its blocks' distinct pcs. The
     * predicate is asked once or more per distinct pc: it should be cheap or cache its answers.
     */
    default long lastTimeOutside(java.util.function.LongPredicate inside, long before) {
        for (long t = before - 1; t >= 0; t--) if (!inside.test(pcAt(t))) return t;
        return -1;
    }

    /** Moves to {@code time} (0 .. length()-1); the program stays stopped there. */
    void seek(long time);

    /**
     * Moves to {@code time} to look at it only (a question asked about another moment, after
     * which the engine comes back): nothing the program did on the way, such as its output, is
     * passed on, as it would be by execution arriving there.
     */
    default void inspect(long time) {
        seek(time);
    }

    /**
     * Runs backwards. {@code STEP_INSTRUCTION}: to the previous instruction (reason STEP; at time
     * 0 reason ENTRY, without moving). {@code CONTINUE}: to the latest earlier time at which an
     * instruction at a planted breakpoint's address is about to run (BREAKPOINT) or an
     * instruction is about to write, read or access a watched range as its {@code WatchKind} asks
     * (WATCHPOINT, stopped before that access, so that going on backwards finds the one before it); with none, to time 0 (ENTRY). The
     * engine's silent breakpoints ({@link Backend#onBreakpointSilently}) never stop it.
     */
    CompletableFuture<StopEvent> resumeBackward(Resume request);

    /**
     * The time of the call instruction that began the function activation running at
     * {@code time} (the same thread's), or -1 when it began before the run did.
     */
    long callTimeOf(long time);

    /** How the run ended, in words a user reads ("exited with status 0", "killed by SIGSEGV"). */
    String ending();
}
