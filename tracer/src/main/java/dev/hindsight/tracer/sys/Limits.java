package dev.hindsight.tracer.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/** prlimit(2): resource limits applied to a tracee from outside, before it runs. */
public final class Limits {
    public static final int RLIMIT_CPU = 0, RLIMIT_FSIZE = 1, RLIMIT_DATA = 2, RLIMIT_STACK = 3,
            RLIMIT_CORE = 4, RLIMIT_NOFILE = 7, RLIMIT_AS = 9;

    static {
        Native.register(Limits.class, "c");
    }

    private Limits() {}

    private static native int prlimit(int pid, int resource, long newLimit, long oldLimit) throws LastErrorException;

    /** Sets soft and hard limit of {@code resource} for {@code pid}. */
    public static void set(int pid, int resource, long value) {
        NativeBuffer lim = NativeBuffer.allocate(16);
        lim.setLong(0, value);
        lim.setLong(8, value);
        try {
            prlimit(pid, resource, lim.address(), 0);
        } catch (LastErrorException e) {
            throw NativeException.of("prlimit(" + pid + ", " + resource + ")", e);
        }
    }
}
