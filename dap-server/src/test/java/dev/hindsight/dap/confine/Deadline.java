package dev.hindsight.dap.confine;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, failing with what was seen last. */
final class Deadline {
    private Deadline() {}

    static void await(String what, long millis, BooleanSupplier condition, Supplier<?> seen) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("not within " + millis + " ms: " + what + "; saw " + seen.get());
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
