package dev.hindsight.tracer.testing;

import dev.hindsight.tracer.StopEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits for engine futures, and for conditions, with a generous bound, so a hang fails the test
 * instead of CI, and a loaded machine only makes it slower.
 */
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

    /** Polls {@code condition} until it holds; fails, naming {@code what}, if it does not within 60 s. */
    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 60 s: " + what);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
