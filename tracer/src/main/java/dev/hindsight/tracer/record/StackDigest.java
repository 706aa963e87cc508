package dev.hindsight.tracer.record;

import dev.hindsight.tracer.ptrace.Tracee;
import java.util.zip.CRC32C;

/**
 * A digest of the stack around the stack pointer (the red zone below it and the frames above):
 * with the registers, it places an asynchronous signal in a loop whose registers repeat from one
 * iteration to the next because its variables live in memory. Recording and replay read the same
 * range at the same instant (before the kernel writes a signal frame), so they agree.
 */
public final class StackDigest {
    private static final int BELOW = 128, ABOVE = 1024;

    private StackDigest() {}

    /** Never 0 (0 means "not taken"). */
    public static long of(Tracee t, long rsp) {
        CRC32C crc = new CRC32C();
        crc.update(t.read(rsp - BELOW, BELOW + ABOVE));
        return crc.getValue() | 1L << 32;
    }
}
