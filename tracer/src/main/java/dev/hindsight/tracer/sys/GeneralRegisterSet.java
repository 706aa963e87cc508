package dev.hindsight.tracer.sys;

import dev.hindsight.tracer.arch.Architecture;

/**
 * The general registers as the {@code NT_PRSTATUS} regset (PTRACE_GETREGSET/SETREGSET), the one
 * interface every Linux architecture has: x86-64's {@code user_regs_struct} (the same block as
 * GETREGS), AArch64's {@code user_pt_regs} (which has no GETREGS). Values in the architecture's
 * {@link Architecture#kernelRegisterOrder()}. Buffers preallocated; one instance per ptrace thread.
 */
public final class GeneralRegisterSet implements GeneralRegisterAccess {
    static final int NT_PRSTATUS = 1;
    private final int count;
    private final NativeBuffer block;
    private final NativeBuffer iov = NativeBuffer.allocate(16);

    public GeneralRegisterSet(Architecture arch) {
        count = arch.kernelRegisterOrder().size();
        block = NativeBuffer.allocate(count * 8L);
    }

    @Override
    public long[] get(int tid) {
        point();
        Ptrace.call(Ptrace.GETREGSET, tid, NT_PRSTATUS, iov.address());
        if (iov.getLong(8) != count * 8L) {
            throw new IllegalStateException("NT_PRSTATUS is " + iov.getLong(8) + " bytes, expected " + count * 8L);
        }
        long[] out = new long[count];
        block.readLongs(0, out, 0, count);
        return out;
    }

    @Override
    public void set(int tid, long[] values) {
        if (values.length != count) throw new IllegalArgumentException("need " + count + " registers");
        block.writeLongs(0, values, 0, count);
        point();
        Ptrace.call(Ptrace.SETREGSET, tid, NT_PRSTATUS, iov.address());
    }

    private void point() {
        iov.setLong(0, block.address());
        iov.setLong(8, count * 8L);
    }
}
