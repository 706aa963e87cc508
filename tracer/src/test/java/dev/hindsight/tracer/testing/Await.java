package dev.hindsight.tracer.testing;

import dev.hindsight.tracer.StopEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Waits for engine futures with a generous bound, so a hang fails the test instead of CI. */
public final class Await {
    private Await() {}

    public static StopEvent stop(CompletableFuture<StopEvent> f) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("engine did not stop: " + e, e);
        }
    }

    public static StopEvent.Stopped stopped(CompletableFuture<StopEvent> f) {
        StopEvent s = stop(f);
        if (s instanceof StopEvent.Stopped st) return st;
        throw new AssertionError("expected a stop, got " + s);
    }

    public static StopEvent.Exited exited(CompletableFuture<StopEvent> f) {
        StopEvent s = stop(f);
        if (s instanceof StopEvent.Exited e) return e;
        throw new AssertionError("expected an exit, got " + s);
    }
}
