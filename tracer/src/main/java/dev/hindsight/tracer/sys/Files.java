package dev.hindsight.tracer.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/** File-descriptor calls: pipes for tracee stdio, and pread/pwrite on /proc/PID/mem. */
public final class Files {
    public static final int O_RDONLY = 0, O_RDWR = 2, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;

    static {
        Native.register(Files.class, "c");
    }

    private Files() {}

    private static native int pipe2(long fdsPtr, int flags) throws LastErrorException;

    private static native int open(String path, int flags) throws LastErrorException;

    private static native int close(int fd) throws LastErrorException;

    private static native long pread(int fd, long buf, long count, long offset) throws LastErrorException;

    private static native long pwrite(int fd, long buf, long count, long offset) throws LastErrorException;

    /** A close-on-exec pipe: [read end, write end]. */
    public static int[] pipe() {
        NativeBuffer fds = NativeBuffer.allocate(8);
        try {
            pipe2(fds.address(), O_CLOEXEC);
        } catch (LastErrorException e) {
            throw NativeException.of("pipe2", e);
        }
        return new int[] {fds.getInt(0), fds.getInt(4)};
    }

    /** EINTR (opening a FIFO or a terminal may block) is retried. */
    public static int open(String path, int flags, boolean quiet) {
        while (true) {
            try {
                return open(path, flags | O_CLOEXEC);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == NativeException.EINTR) continue;
                if (quiet) return -e.getErrorCode();
                throw NativeException.of("open(" + path + ")", e);
            }
        }
    }

    /** Never retried: on Linux the descriptor is released even when close reports EINTR. */
    public static void closeQuietly(int fd) {
        if (fd < 0) return;
        try {
            close(fd);
        } catch (LastErrorException ignored) {
            // Already closed or never valid: nothing left to release.
        }
    }

    /**
     * Reads up to {@code count} bytes at {@code offset}; returns bytes read, or -errno. EINTR (a
     * signal to this thread, e.g. a profiler's, with a handler installed without SA_RESTART) is
     * retried: callers take any failure for an unmapped address.
     */
    public static long pread(int fd, NativeBuffer buf, long count, long offset) {
        while (true) {
            try {
                return pread(fd, buf.address(), count, offset);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != NativeException.EINTR) return -e.getErrorCode();
            }
        }
    }

    /** Writes up to {@code count} bytes at {@code offset}; returns bytes written, or -errno. EINTR is retried. */
    public static long pwrite(int fd, NativeBuffer buf, long count, long offset) {
        while (true) {
            try {
                return pwrite(fd, buf.address(), count, offset);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != NativeException.EINTR) return -e.getErrorCode();
            }
        }
    }
}
