package dev.hindsight.tracer.sys;

import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.arch.X86_64;

/**
 * Reads and writes a stopped thread's general registers, in its architecture's
 * {@link Architecture#kernelRegisterOrder()}: {@link Regs} (PTRACE_GETREGS, what x86-64 has
 * always used) or {@link GeneralRegisterSet} ({@code NT_PRSTATUS} through GETREGSET, AArch64's
 * only way). Buffers preallocated: one instance per ptrace thread.
 */
public interface GeneralRegisterAccess {
    long[] get(int tid);

    void set(int tid, long[] values);

    /** The access the engine uses for {@code arch}. */
    static GeneralRegisterAccess of(Architecture arch, Regs x86) {
        return arch == X86_64.INSTANCE ? x86 : new GeneralRegisterSet(arch);
    }
}
