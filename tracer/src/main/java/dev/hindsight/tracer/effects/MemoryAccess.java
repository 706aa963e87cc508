package dev.hindsight.tracer.effects;

/**
 * Reads the traced program's memory: the live tracee's {@code /proc/PID/mem}, a replay's, or a
 * test's array. The tracker calls it once per planned write (after the step) and, only when the
 * code may have changed, once per program counter (before the step).
 */
@FunctionalInterface
public interface MemoryAccess {
    /** Reads up to {@code length} bytes at {@code address} into {@code buffer[offset…]}; returns how many were readable. */
    int read(long address, byte[] buffer, int offset, int length);
}
