package dev.hindsight.tracer.ptrace;

import dev.hindsight.tracer.sys.Ptrace;

/**
 * What kind of instruction is at a pc ({@link SyscallHook.Instruction}), remembered so that a
 * replay's single step does not read the instruction's bytes from the tracee every time (a
 * /proc/PID/mem read per step was ~6% of a build shard's time, against a bare C ptrace loop's
 * step + waitpid + GETREGS).
 *
 * <p>Only code in mappings the program cannot write is remembered: such code changes only through
 * a system call (mprotect, mmap, a write to /proc/self/mem), another thread, a signal handler or
 * a debugger's write, and every one of those forgets everything: a ptrace request that lets the
 * tracee run more than one instruction ({@link Ptrace#runs()}), a write through any
 * {@link ProcMemory}, or a stop the engine calls unusual ({@link #forget()}). Code in writable
 * mappings (JIT, self-modifying) is read at every step, as before. The writability comes from
 * /proc/PID/maps, read only once a run of {@link #MAPS_AFTER} plain steps has gone without
 * anything forgotten, so a program that makes system calls often never pays for it. A file
 * mapped executable that another process rewrites under it is not seen; the recording could not
 * have seen it either. One per inferior, used on its ptrace thread only.
 */
final class InstructionCache {
    static final int MAPS_AFTER = 256;
    private static final int SIZE = 1 << 12;
    private static final SyscallHook.Instruction[] KINDS = SyscallHook.Instruction.values();

    private final int pid;
    private final long[] pcs = new long[SIZE];
    private final byte[] kinds = new byte[SIZE];
    private long generation = -1;
    private int plainSteps;
    /** Sorted [start, end) pairs of the mappings that are readable and not writable; null: not read in this generation. */
    private long[] readOnly;

    InstructionCache(int pid) {
        this.pid = pid;
        java.util.Arrays.fill(pcs, -1);
    }

    /** The kind remembered for {@code pc}, or null (then read it and {@link #remember} it). */
    SyscallHook.Instruction lookup(long pc) {
        if (generation != currentGeneration()) forget();
        int slot = slot(pc);
        return pcs[slot] == pc ? KINDS[kinds[slot]] : null;
    }

    /** After reading the {@code length} bytes at {@code pc}: keeps their kind if no one can have written them. */
    void remember(long pc, int length, SyscallHook.Instruction kind) {
        if (generation != currentGeneration()) forget();
        if (readOnly == null) {
            if (++plainSteps < MAPS_AFTER) return;
            readOnly = readOnlyRanges();
        }
        if (length <= 0 || !readOnlyContains(pc, pc + length)) return;
        int slot = slot(pc);
        pcs[slot] = pc;
        kinds[slot] = (byte) kind.ordinal();
    }

    /** The tracee's code may have changed (a system call, a signal, an event): read it again. */
    void forget() {
        java.util.Arrays.fill(pcs, -1);
        readOnly = null;
        plainSteps = 0;
        generation = currentGeneration();
    }

    private static long currentGeneration() {
        return Ptrace.runs() + ProcMemory.WRITES.get();
    }

    private static int slot(long pc) {
        return (int) (pc ^ (pc >>> 12)) & (SIZE - 1);
    }

    private boolean readOnlyContains(long from, long to) {
        for (int i = 0; i < readOnly.length; i += 2) {
            if (from >= readOnly[i] && to <= readOnly[i + 1]) return true;
        }
        return false;
    }

    /**
     * Parsed by hand (no streams or regular expressions): the first read happens while a program
     * is being stepped, where class loading would stall the step for milliseconds (a program's
     * timer may be due meanwhile).
     */
    private long[] readOnlyRanges() {
        byte[] text;
        try (java.io.FileInputStream in = new java.io.FileInputStream("/proc/" + pid + "/maps")) {
            text = in.readAllBytes();
        } catch (java.io.IOException e) {
            return new long[0]; // nothing is remembered: every step reads, as without a cache
        }
        long[] out = new long[32];
        int n = 0;
        for (int i = 0; i < text.length; ) {
            // "start-end perms ...": hex, '-', hex, ' ', four permission characters
            long start = 0, end = 0;
            while (text[i] != '-') start = (start << 4) | Character.digit(text[i++], 16);
            i++;
            while (text[i] != ' ') end = (end << 4) | Character.digit(text[i++], 16);
            i++;
            boolean readOnlyPrivate = text[i] == 'r' && text[i + 1] != 'w' && text[i + 3] == 'p';
            while (i < text.length && text[i] != '\n') i++;
            i++;
            if (!readOnlyPrivate) continue;
            if (n + 2 > out.length) out = java.util.Arrays.copyOf(out, out.length * 2);
            out[n++] = start;
            out[n++] = end;
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
