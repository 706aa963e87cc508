package dev.hindsight.tracer.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/** kill(2) and the signal numbers the engine refers to by name. */
public final class Signals {
    public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6,
            SIGBUS = 7, SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13,
            SIGALRM = 14, SIGTERM = 15, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20,
            SIGTTIN = 21, SIGTTOU = 22, SIGPROF = 27, SIGSYS = 31;

    static {
        Native.register(Signals.class, "c");
    }

    private Signals() {}

    private static native int kill(int pid, int sig) throws LastErrorException;

    /** Sends a signal; false if the process no longer exists. */
    public static boolean kill(int pid, int sig, boolean quietIfGone) {
        try {
            kill(pid, sig);
            return true;
        } catch (LastErrorException e) {
            if (quietIfGone && e.getErrorCode() == NativeException.ESRCH) return false;
            throw NativeException.of("kill(" + pid + ", " + sig + ")", e);
        }
    }
}
