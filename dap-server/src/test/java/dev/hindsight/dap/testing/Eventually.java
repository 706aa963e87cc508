package dev.hindsight.dap.testing;

import java.util.function.BooleanSupplier;

/** Waits for a condition with a generous deadline (a loaded machine is slow, never a reason to fail). */
public final class Eventually {
    private Eventually() {}

    /** Returns once {@code condition} holds; fails saying {@code what} was awaited after {@link DapTestClient#TIMEOUT}. */
    public static void holds(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DapTestClient.TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("waited in vain: " + what);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Returns once {@code condition} holds; fails after {@code millis} saying {@code what} was
     * awaited and what {@code seen} showed last.
     */
    public static void holds(String what, long millis, BooleanSupplier condition, java.util.function.Supplier<?> seen) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within " + millis + " ms: " + what + "; saw " + seen.get());
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits until process {@code pid} no longer runs (gone, or a zombie its parent has not reaped yet). */
    public static void gone(long pid) {
        holds("process " + pid + " to end", () -> !running(pid));
    }

    public static boolean running(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) return false;
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false; // gone meanwhile
        }
    }
}
