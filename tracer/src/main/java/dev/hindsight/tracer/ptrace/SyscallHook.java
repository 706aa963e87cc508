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

    /**
     * The instruction a thread is about to single-step, as far as a hook cares: read from its
     * bytes. The unprefixed forms are those the recorder emulates ({@code 0f 31}, {@code 0f 01 f9},
     * {@code 0f a2}); {@link #PREFIXED_TRAPPING} is one of them behind legacy or REX prefixes,
     * which the recorder does not emulate (it records the fault as a signal).
     */
    enum Instruction {
        SYSCALL, RDTSC, RDTSCP, CPUID, PREFIXED_TRAPPING, OTHER;

        /** Classifies the first {@code length} bytes of {@code code} (the bytes at the pc). */
        public static Instruction classify(byte[] code, int length) {
            int i = 0;
            while (i < length && isPrefix(code[i] & 0xff)) i++;
            if (i + 2 > length || code[i] != 0x0f) return OTHER;
            int op = code[i + 1] & 0xff;
            Instruction found;
            if (op == 0x05) found = SYSCALL;
            else if (op == 0x31) found = RDTSC;
            else if (op == 0xa2) found = CPUID;
            else if (op == 0x01 && i + 3 <= length && (code[i + 2] & 0xff) == 0xf9) found = RDTSCP;
            else return OTHER;
            if (i == 0 || found == SYSCALL) return i == 0 ? found : OTHER;
            return PREFIXED_TRAPPING;
        }

        private static boolean isPrefix(int b) {
            return b == 0x66 || b == 0x67 || b == 0xf0 || b == 0xf2 || b == 0xf3 || b == 0x2e || b == 0x36 || b == 0x3e
                    || b == 0x26 || b == 0x64 || b == 0x65 || (b & 0xf0) == 0x40;
        }
    }

    /**
     * Before the engine single-steps {@code next} (with no signal to deliver): the hook may change
     * the tracee's state by injection (the replay turns rdtsc and CPUID trapping off to step fast)
     * or emulate the instruction itself and return true (its registers then are those after it;
     * the step is done). {@code alone} is false for the step off a breakpoint that starts a
     * continue ({@link #beforeContinue} has run).
     */
    default boolean beforeStep(Tracee tracee, Instruction next, boolean alone) {
        return false;
    }

    /** Before the program continues (until a breakpoint, a signal or the end), at a stop. */
    default void beforeContinue(Tracee tracee) {}

    /**
     * True once the program's system calls stop through a seccomp filter of its own that returns
     * {@code SECCOMP_RET_TRACE} for every call the hook must see (the recorder's system-call
     * buffer lets some through without a stop): the inferior then continues with
     * {@code PTRACE_CONT}, takes a seccomp stop as the call's entry and runs to its exit stop with
     * {@code PTRACE_SYSCALL}. Single-steps still step a {@code syscall} to its exit stop, so the
     * hook sees both ends of every call then, the let-through ones too.
     */
    default boolean seccompStops() {
        return false;
    }

    /** A child of fork/vfork, stopped, about to be let go unrecorded; injections into it are allowed. */
    default void forked(Tracee child) {}
}
