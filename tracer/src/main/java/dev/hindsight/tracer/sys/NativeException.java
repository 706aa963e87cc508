package dev.hindsight.tracer.sys;

import com.sun.jna.LastErrorException;

/** A failed libc call, with the errno and the call named so logs say what broke. */
public final class NativeException extends RuntimeException {
    public static final int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ECHILD = 10,
            EAGAIN = 11, EFAULT = 14, EBUSY = 16, EINVAL = 22, ENOSYS = 38;

    private final int errno;

    public NativeException(String call, int errno) {
        super(call + " failed: " + Errno.describe(errno) + " (errno " + errno + ")");
        this.errno = errno;
    }

    static NativeException of(String call, LastErrorException e) {
        return new NativeException(call, e.getErrorCode());
    }

    public int errno() {
        return errno;
    }
}
