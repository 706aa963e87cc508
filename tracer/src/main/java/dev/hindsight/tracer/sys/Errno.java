package dev.hindsight.tracer.sys;

import com.sun.jna.Native;

/** errno helpers. */
public final class Errno {
    static {
        Native.register(Errno.class, "c");
    }

    private Errno() {}

    private static native String strerror(int errnum);

    public static String describe(int errno) {
        String s = strerror(errno);
        return s == null ? "errno " + errno : s;
    }
}
