package dev.hindsight.tracer.ptrace;

import dev.hindsight.tracer.elf.ProcMaps;
import dev.hindsight.tracer.sys.Ptrace;
import java.util.List;

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

    private long[] readOnlyRanges() {
        try {
            List<ProcMaps.Mapping> maps = ProcMaps.parse(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/maps")));
            return maps.stream().filter(m -> m.perms().charAt(0) == 'r' && m.perms().charAt(1) != 'w' && m.perms().charAt(3) == 'p')
                    .flatMapToLong(m -> java.util.stream.LongStream.of(m.start(), m.end())).toArray();
        } catch (java.io.IOException | RuntimeException e) {
            return new long[0]; // nothing is remembered: every step reads, as without a cache
        }
    }
}
