package dev.hindsight.tracer.ptrace;

import dev.hindsight.tracer.sys.NativeBuffer;
import dev.hindsight.tracer.sys.Ptrace;
import dev.hindsight.tracer.sys.Signals;
import dev.hindsight.tracer.sys.Wait;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs code of our own in a stopped thread of the tracee: a system call ({@code syscall; int3})
 * or a {@code cpuid}, from a scratch mapping at a fixed address, which the recorder and the
 * replayer both map as their first act so that the two address spaces stay alike. The thread's
 * registers are saved before and restored after; {@code orig_rax} is -1 while our code runs, so a
 * system call the thread was interrupted in is neither restarted into ours nor lost. Only at a
 * stop that is not a syscall stop. Engine thread only.
 */
public final class SyscallInjector {
    /** Where the scratch mapping lives (read, write, execute; 8 KiB). */
    public static final long SCRATCH = 0x7000_0000_0000L;
    public static final int SCRATCH_SIZE = 8192;
    /** Data half of the scratch mapping (strings for injected calls). */
    public static final long SCRATCH_DATA = SCRATCH + 4096;
    private static final long SYSCALL_CODE = SCRATCH, CPUID_CODE = SCRATCH + 8;
    private static final byte[] SYSCALL_INT3 = {0x0f, 0x05, (byte) 0xcc};
    private static final byte[] CPUID_INT3 = {0x0f, (byte) 0xa2, (byte) 0xcc};
    static final long SYS_MMAP = 9;

    private final Inferior inferior;
    private final NativeBuffer status = NativeBuffer.allocate(8);
    private final NativeBuffer eventMsg = NativeBuffer.allocate(8);
    private boolean mapped;
    private final List<Integer> children = new ArrayList<>();

    SyscallInjector(Inferior inferior) {
        this.inferior = inferior;
    }

    /** For a process forked from one that had the scratch mapping: it has it too. */
    void assumeMapped() {
        mapped = true;
    }

    public boolean mapped() {
        return mapped;
    }

    /**
     * Maps the scratch page, borrowing the three bytes at the thread's pc for the first
     * {@code syscall; int3} (put back at once).
     */
    void mapScratch(int tid) {
        if (mapped) return;
        // PROT_READ|WRITE|EXEC, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED_NOREPLACE
        long r = injectInPlace(tid, SYS_MMAP, SCRATCH, SCRATCH_SIZE, 7, 0x22 | 0x100000, -1, 0);
        if (r != SCRATCH) throw new IllegalStateException("cannot map the scratch page at 0x" + Long.toHexString(SCRATCH) + " (" + r + ")");
        writeOrFail(SYSCALL_CODE, SYSCALL_INT3);
        writeOrFail(CPUID_CODE, CPUID_INT3);
        mapped = true;
    }

    /**
     * Runs one system call from the thread's pc, borrowing the three bytes there for
     * {@code syscall; int3} (put back at once), so nothing is mapped into the program; returns rax.
     */
    long injectInPlace(int tid, long number, long... args) {
        long pc = inferior.regsOf(tid)[Tracee.RIP];
        byte[] original = new byte[SYSCALL_INT3.length];
        if (inferior.memory.read(pc, original, 0, original.length) != original.length) {
            throw new IllegalStateException("cannot read the code at 0x" + Long.toHexString(pc));
        }
        writeOrFail(pc, SYSCALL_INT3);
        try {
            return run(tid, pc, SYSCALL_INT3.length, regs(tid, number, args))[Tracee.RAX];
        } finally {
            writeOrFail(pc, original);
        }
    }

    /** Runs system call {@code number} with up to six arguments; returns rax (-errno on failure). */
    public long inject(int tid, long number, long... args) {
        if (!mapped) mapScratch(tid);
        return run(tid, SYSCALL_CODE, SYSCALL_INT3.length, regs(tid, number, args))[Tracee.RAX];
    }

    /** Runs {@code cpuid} (faulting must be off): eax, ebx, ecx, edx. */
    long[] cpuid(int tid, long eax, long ecx) {
        if (!mapped) mapScratch(tid);
        long[] r = inferior.regsOf(tid).clone();
        r[Tracee.RAX] = eax;
        r[Tracee.RCX] = ecx;
        long[] out = run(tid, CPUID_CODE, CPUID_INT3.length, r);
        return new long[] {out[Tracee.RAX] & 0xffffffffL, out[5] & 0xffffffffL, out[Tracee.RCX] & 0xffffffffL,
                out[Tracee.RDX] & 0xffffffffL};
    }

    /** Children that fork events reported during the injections so far (taken once). */
    List<Integer> takeChildren() {
        List<Integer> out = List.copyOf(children);
        children.clear();
        return out;
    }

    private long[] regs(int tid, long number, long... args) {
        long[] r = inferior.regsOf(tid).clone();
        r[Tracee.RAX] = number;
        int[] slots = {Tracee.RDI, Tracee.RSI, Tracee.RDX, Tracee.R10, Tracee.R8, Tracee.R9};
        for (int i = 0; i < args.length; i++) r[slots[i]] = args[i];
        return r;
    }

    private long[] run(int tid, long code, int length, long[] setup) {
        long[] saved = inferior.regsOf(tid).clone();
        long[] r = setup.clone();
        r[Tracee.RIP] = code;
        r[Tracee.ORIG_RAX] = -1;
        inferior.setRegs(tid, r);
        try {
            while (true) {
                inferior.forgetRegs();
                Ptrace.call(Ptrace.CONT, tid, 0, 0);
                Wait.waitpid(tid, status, Wait.WALL);
                int s = status.getInt(0);
                if (!Wait.stopped(s)) throw new IllegalStateException("the program ended during an injected system call");
                int event = Wait.event(s);
                if (event == Ptrace.EVENT_FORK || event == Ptrace.EVENT_VFORK || event == Ptrace.EVENT_CLONE) {
                    Ptrace.call(Ptrace.GETEVENTMSG, tid, 0, eventMsg.address());
                    children.add((int) eventMsg.getLong(0));
                    continue;
                }
                if (event != 0) continue;
                int sig = Wait.stopSignal(s);
                if (sig == Signals.SIGTRAP && inferior.regsOf(tid)[Tracee.RIP] == code + length) {
                    return inferior.regsOf(tid).clone();
                }
                // A signal that arrived meanwhile is the program's: kept for its next resumption.
                inferior.keepSignal(tid, sig);
            }
        } finally {
            inferior.setRegs(tid, saved);
        }
    }

    private void writeOrFail(long address, byte[] bytes) {
        if (!inferior.memory.write(address, bytes, 0, bytes.length)) {
            throw new IllegalStateException("cannot write at 0x" + Long.toHexString(address));
        }
    }
}
