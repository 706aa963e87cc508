package dev.hindsight.tracer.sys;

/**
 * AArch64's thread pointer, {@code tpidr_el0}, as the {@code NT_ARM_TLS} regset through
 * PTRACE_GETREGSET: 8 bytes, or 16 where the kernel appends SME's {@code tpidr2_el0} (Linux 6.1+);
 * the first 8 are {@code tpidr_el0} either way. One instance per ptrace thread.
 */
public final class ArmTlsRegisterSet {
    static final int NT_ARM_TLS = 0x401;
    private static final int MAX = 16;
    private final NativeBuffer block = NativeBuffer.allocate(MAX);
    private final NativeBuffer iov = NativeBuffer.allocate(16);

    public long threadPointer(int tid) {
        iov.setLong(0, block.address());
        iov.setLong(8, MAX);
        Ptrace.call(Ptrace.GETREGSET, tid, NT_ARM_TLS, iov.address());
        if (iov.getLong(8) < 8) throw new IllegalStateException("NT_ARM_TLS is " + iov.getLong(8) + " bytes, expected 8 or 16");
        return block.getLong(0);
    }
}
