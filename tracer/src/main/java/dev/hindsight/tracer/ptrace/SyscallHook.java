package dev.hindsight.tracer.ptrace;

/**
 * Sees every system call and every signal of a traced process, for the recorder and the
 * replayer. Installed with {@link PtraceBackend#setSyscallHook}; while one is installed the
 * inferior resumes with {@code PTRACE_SYSCALL} instead of {@code PTRACE_CONT} (and single-steps a
 * {@code syscall} instruction with it too), so normal debugging without a hook keeps its speed.
 * Every callback runs on the inferior's ptrace thread with the thread stopped; a callback may
 * throw a {@link RuntimeException} to end the resumption with that failure (a divergence, a
 * refused system call).
 */
public interface SyscallHook {
    /** What to do with a signal about to be delivered. */
    enum SignalAction {
        /** As without a hook: reported signals stop the program, others are delivered. */
        PASS,
        /** Swallowed: the program never sees it. */
        SUPPRESS,
        /** The hook emulated the faulting instruction (rdtsc, cpuid): it counts as executed. */
        EMULATED
    }

    /**
     * At the syscall-entry stop: {@code orig_rax} is the number, the arguments in rdi, rsi, rdx,
     * r10, r8, r9. Setting {@code orig_rax} to -1 skips the call (its result is then set at exit);
     * changing arguments changes what the kernel does.
     */
    void entry(Tracee tracee);

    /** At the syscall-exit stop: rax is the result, and may be replaced. */
    void exit(Tracee tracee);

    /** At a signal-delivery stop of a signal that is not the engine's own. */
    SignalAction signal(Tracee tracee, int signal, dev.hindsight.tracer.sys.SigInfo info);

    /** A child of fork/vfork, stopped, about to be let go unrecorded; injections into it are allowed. */
    default void forked(Tracee child) {}
}
