package dev.hindsight.tracer.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/**
 * CPU affinity and address-space personality, both set on the ptrace thread before spawning so
 * the tracee inherits them: a tracer and tracee on one CPU make a ptrace round trip ~10x cheaper,
 * and ADDR_NO_RANDOMIZE makes runs reproducible as under gdb.
 */
public final class Sched {
    public static final long ADDR_NO_RANDOMIZE = 0x0040000;
    private static final long PERSONALITY_QUERY = 0xffffffffL;

    static {
        Native.register(Sched.class, "c");
    }

    private Sched() {}

    private static native int sched_setaffinity(int pid, long size, long maskPtr) throws LastErrorException;

    private static native int sched_getaffinity(int pid, long size, long maskPtr) throws LastErrorException;

    private static native int personality(long persona) throws LastErrorException;

    /** CPUs this thread may run on, lowest first. */
    public static int[] allowedCpus() {
        NativeBuffer mask = NativeBuffer.allocate(128);
        try {
            sched_getaffinity(0, mask.size(), mask.address());
        } catch (LastErrorException e) {
            throw NativeException.of("sched_getaffinity", e);
        }
        int[] cpus = new int[1024];
        int n = 0;
        for (int word = 0; word < 16; word++) {
            long bits = mask.getLong(word * 8L);
            for (int b = 0; b < 64; b++) if ((bits & (1L << b)) != 0) cpus[n++] = word * 64 + b;
        }
        return java.util.Arrays.copyOf(cpus, n);
    }

    /** Pins the calling thread to one CPU, or lets it run anywhere in {@code cpus}. */
    public static void setAffinity(int... cpus) {
        setAffinityOf(0, cpus);
    }

    /** Pins process (or thread) {@code pid} to {@code cpus}; 0 is the calling thread. */
    public static void setAffinityOf(int pid, int... cpus) {
        NativeBuffer mask = NativeBuffer.allocate(128);
        for (int cpu : cpus) {
            long off = (cpu / 64) * 8L;
            mask.setLong(off, mask.getLong(off) | (1L << (cpu % 64)));
        }
        try {
            sched_setaffinity(pid, mask.size(), mask.address());
        } catch (LastErrorException e) {
            throw NativeException.of("sched_setaffinity", e);
        }
    }

    /** Sets or clears ADDR_NO_RANDOMIZE for this thread (inherited by children it spawns). */
    public static void setAddressRandomization(boolean randomize) {
        try {
            int current = personality(PERSONALITY_QUERY);
            long next = randomize ? (current & ~ADDR_NO_RANDOMIZE) : (current | ADDR_NO_RANDOMIZE);
            personality(next);
        } catch (LastErrorException e) {
            throw NativeException.of("personality", e);
        }
    }
}
