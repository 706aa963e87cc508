package dev.hindsight.dap.session;

import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.TargetListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The program of a session: its target, the listener that feeds the session, and the pumps that
 * copy its output. {@code launchArguments} is null for an attached process.
 */
record Debuggee(Target target, TargetListener listener, LaunchArguments launchArguments, List<OutputPump> pumps) {
    boolean attached() {
        return launchArguments == null;
    }

    /** Completes when the program's output pipes reached end of file. */
    CompletableFuture<Void> outputDrained() {
        return CompletableFuture.allOf(pumps.stream().map(OutputPump::done).toArray(CompletableFuture[]::new));
    }

    /** Stops listening, then kills (launched) or detaches from (attached) the program. */
    void dispose() {
        target.removeListener(listener);
        target.close();
    }
}
