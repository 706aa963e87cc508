package dev.hindsight.tracer.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import dev.hindsight.tracer.arch.Architecture;

/** Raw syscall(2) for the few calls glibc has no wrapper for, or wraps unhelpfully. */
public final class Syscall {
    /** The host architecture's numbers (x86-64: 101, 186, 234; AArch64's generic table: 117, 178, 131). */
    public static final long SYS_PTRACE = Architecture.host().syscalls().ptrace(),
            SYS_GETTID = Architecture.host().syscalls().gettid(), SYS_TGKILL = Architecture.host().syscalls().tgkill();

    static {
        Native.register(Syscall.class, "c");
    }

    private Syscall() {}

    private static native long syscall(long number, long a, long b, long c, long d) throws LastErrorException;

    /** Returns the raw result; glibc's syscall() turns kernel errors into -1 and errno. */
    static long syscall4(long number, long a, long b, long c, long d) {
        return syscall(number, a, b, c, d);
    }

    public static int gettid() {
        return (int) syscall(SYS_GETTID, 0, 0, 0, 0);
    }

    /** Sends a signal to one thread; false if the thread is gone. */
    public static boolean tgkill(int tgid, int tid, int signal) {
        try {
            syscall(SYS_TGKILL, tgid, tid, signal, 0);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == NativeException.ESRCH) return false;
            throw NativeException.of("tgkill", e);
        }
    }
}
