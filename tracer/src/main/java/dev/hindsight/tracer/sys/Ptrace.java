package dev.hindsight.tracer.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/**
 * ptrace(2). glibc's wrapper is variadic, but with only integer arguments the x86-64 calling
 * convention is the same as a fixed four-argument call, which is what lets us map it directly.
 * Every call must come from the one thread that attached the tracee.
 */
public final class Ptrace {
    public static final int PEEKDATA = 2, PEEKUSER = 3, POKEDATA = 5, POKEUSER = 6, CONT = 7, KILL = 8,
            SINGLESTEP = 9, SYSCALL = 24, GETREGS = 12, SETREGS = 13, GETFPREGS = 14, SETFPREGS = 15, DETACH = 17,
            SETOPTIONS = 0x4200, GETEVENTMSG = 0x4201, GETSIGINFO = 0x4202, GETREGSET = 0x4204,
            SETREGSET = 0x4205, SEIZE = 0x4206, INTERRUPT = 0x4207, LISTEN = 0x4208, SETSIGINFO = 0x4203,
            GET_SYSCALL_INFO = 0x420e;

    public static final int O_TRACESYSGOOD = 1, O_TRACEFORK = 2, O_TRACEVFORK = 4, O_TRACECLONE = 8,
            O_TRACEEXEC = 0x10, O_TRACEVFORKDONE = 0x20, O_TRACEEXIT = 0x40, O_TRACESECCOMP = 0x80, O_EXITKILL = 0x100000;

    public static final int EVENT_FORK = 1, EVENT_VFORK = 2, EVENT_CLONE = 3, EVENT_EXEC = 4,
            EVENT_VFORK_DONE = 5, EVENT_EXIT = 6, EVENT_SECCOMP = 7, EVENT_STOP = 128;

    /** NT_PRSTATUS / NT_PRFPREG / NT_X86_XSTATE register-set identifiers for GETREGSET. */
    public static final int NT_PRFPREG = 2, NT_X86_XSTATE = 0x202;

    static {
        Native.register(Ptrace.class, "c");
    }

    private Ptrace() {}

    private static native long ptrace(long request, int pid, long addr, long data) throws LastErrorException;

    /** Counts {@link #letsRun} requests, from every thread. */
    private static final java.util.concurrent.atomic.AtomicLong RUNS = new java.util.concurrent.atomic.AtomicLong();

    /**
     * How many requests so far may have let a tracee execute more than one instruction of its own
     * (continue, run to a system call, detach, a step that delivers a signal): after one, its
     * code may have changed (a system call, another thread, a signal handler). Caches of decoded
     * code compare it with the value they were filled at.
     */
    public static long runs() {
        return RUNS.get();
    }

    private static boolean letsRun(int request, long data) {
        return request == CONT || request == SYSCALL || request == DETACH || request == LISTEN || (request == SINGLESTEP && data != 0);
    }

    /** A ptrace request whose return value is a status (0 on success). */
    public static void call(int request, int pid, long addr, long data) {
        if (letsRun(request, data)) RUNS.incrementAndGet();
        try {
            ptrace(request, pid, addr, data);
        } catch (LastErrorException e) {
            throw new NativeException("ptrace(" + request + ", " + pid + ")", e.getErrorCode());
        }
    }

    /** A ptrace request that may legitimately fail; returns -errno instead of throwing. */
    public static int tryCall(int request, int pid, long addr, long data) {
        if (letsRun(request, data)) RUNS.incrementAndGet();
        try {
            ptrace(request, pid, addr, data);
            return 0;
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    /**
     * PEEKUSER/PEEKDATA: glibc returns the word itself, so -1 is ambiguous; we go to the
     * raw syscall through the data-pointer form instead to keep errors explicit.
     */
    public static long peekUser(int pid, long offset, NativeBuffer word) {
        return peek(PEEKUSER, pid, offset, word);
    }

    private static long peek(int request, int pid, long addr, NativeBuffer word) {
        try {
            long r = Syscall.syscall4(Syscall.SYS_PTRACE, request, pid, addr, word.address());
            if (r < 0) throw new NativeException("ptrace(PEEK, " + pid + ")", (int) -r);
            return word.getLong(0);
        } catch (LastErrorException e) {
            throw NativeException.of("ptrace(PEEK, " + pid + ")", e);
        }
    }
}
