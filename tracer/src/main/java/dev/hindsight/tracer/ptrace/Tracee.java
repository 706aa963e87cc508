package dev.hindsight.tracer.ptrace;

/**
 * One stopped thread of a traced process as a {@link SyscallHook} (or other engine-thread code)
 * sees it: registers in kernel {@code user_regs_struct} order, raw memory, and system calls run
 * in it by injection. Valid only during the callback that received it, on the ptrace thread.
 */
public final class Tracee {
    public static final int R10 = 7, R9 = 8, R8 = 9, RAX = 10, RCX = 11, RDX = 12, RSI = 13, RDI = 14, ORIG_RAX = 15,
            RIP = 16, EFLAGS = 18, RSP = 19;
    private final Inferior inferior;
    private final int tid;

    Tracee(Inferior inferior, int tid) {
        this.inferior = inferior;
        this.tid = tid;
    }

    public int tid() {
        return tid;
    }

    /** The process (thread group) id of the traced program. */
    public int pid() {
        return inferior.pid;
    }

    /** A copy of the registers. */
    public long[] registers() {
        return inferior.regsOf(tid).clone();
    }

    public void setRegisters(long[] regs) {
        inferior.setRegs(tid, regs);
    }

    /** The six system call arguments as they are now (rdi, rsi, rdx, r10, r8, r9). */
    public long[] syscallArgs() {
        long[] r = inferior.regsOf(tid);
        return new long[] {r[RDI], r[RSI], r[RDX], r[R10], r[R8], r[R9]};
    }

    /** Up to {@code length} bytes (shorter where unmapped); breakpoints are not hidden. */
    public byte[] read(long address, int length) {
        byte[] b = new byte[length];
        int n = inferior.memory.read(address, b, 0, length);
        return n == length ? b : java.util.Arrays.copyOf(b, n);
    }

    /** Writes through /proc/PID/mem (read-only pages too). */
    public void write(long address, byte[] data) {
        if (!inferior.memory.write(address, data, 0, data.length)) {
            throw new IllegalStateException("cannot write " + data.length + " bytes at 0x" + Long.toHexString(address));
        }
    }

    /**
     * Traps when a thread is about to execute {@code address} while running, runs {@code action}
     * there (on the ptrace thread, all stopped) and goes on: how a replay finds the instant an
     * asynchronous signal arrived at. One at a time; {@link #clearStopAt} removes it.
     */
    public void stopAt(long address, Runnable action) {
        inferior.stopAt(address, action);
    }

    public void clearStopAt() {
        inferior.clearStopAt();
    }

    /** Runs a system call in this thread now and returns its raw result (-errno on failure). */
    public long inject(long number, long... args) {
        return inferior.injector.inject(tid, number, args);
    }

    /** Runs {@code cpuid} for (eax, ecx) in this thread (only while CPUID faulting is off): eax, ebx, ecx, edx. */
    public long[] realCpuid(long eax, long ecx) {
        return inferior.injector.cpuid(tid, eax, ecx);
    }
}
