package dev.hindsight.tracer.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/** waitpid(2) and the decoding of its status word. */
public final class Wait {
    public static final int WNOHANG = 1, WUNTRACED = 2, WALL = 0x40000000;
    /**
     * Only this thread's children and tracees. Without it, waitpid(-1) in one inferior's ptrace
     * thread also reaps the events of other inferiors in the same JVM (several debugging
     * sessions) and the exits of the JDK's own child processes.
     */
    private static final int WNOTHREAD = 0x20000000;

    static {
        Native.register(Wait.class, "c");
    }

    private Wait() {}

    private static native int waitpid(int pid, long statusPtr, int options) throws LastErrorException;

    /**
     * Waits for a state change; returns the pid (0 with WNOHANG and nothing ready), the status
     * in {@code status} at offset 0. EINTR is retried.
     */
    public static int waitpid(int pid, NativeBuffer status, int options) {
        while (true) {
            try {
                return waitpid(pid, status.address(), options | WNOTHREAD);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != NativeException.EINTR) throw NativeException.of("waitpid(" + pid + ")", e);
            }
        }
    }

    public static boolean stopped(int status) {
        return (status & 0xff) == 0x7f;
    }

    public static int stopSignal(int status) {
        return (status >> 8) & 0xff;
    }

    /** The PTRACE_EVENT_* in a ptrace stop, 0 when none. */
    public static int event(int status) {
        return (status >>> 16) & 0xff;
    }

    public static boolean exited(int status) {
        return (status & 0x7f) == 0;
    }

    public static int exitCode(int status) {
        return (status >> 8) & 0xff;
    }

    public static boolean signaled(int status) {
        return !stopped(status) && !exited(status) && (status & 0x7f) != 0x7f;
    }

    public static int termSignal(int status) {
        return status & 0x7f;
    }
}
