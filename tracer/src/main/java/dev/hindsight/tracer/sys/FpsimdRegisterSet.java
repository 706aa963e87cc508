package dev.hindsight.tracer.sys;

/**
 * AArch64's floating-point and SIMD registers as the {@code NT_FPREGSET} regset
 * ({@code struct user_fpsimd_state}: v0-v31, 16 bytes each, then fpsr, fpcr and 8 reserved
 * bytes; 528 in all) through PTRACE_GETREGSET/SETREGSET. Buffers preallocated; one instance per
 * ptrace thread.
 */
public final class FpsimdRegisterSet {
    public static final int SIZE = 528;
    static final int NT_FPREGSET = 2;
    private final NativeBuffer block = NativeBuffer.allocate(SIZE);
    private final NativeBuffer iov = NativeBuffer.allocate(16);

    public byte[] get(int tid) {
        point();
        Ptrace.call(Ptrace.GETREGSET, tid, NT_FPREGSET, iov.address());
        if (iov.getLong(8) != SIZE) throw new IllegalStateException("NT_FPREGSET is " + iov.getLong(8) + " bytes, expected " + SIZE);
        byte[] out = new byte[SIZE];
        block.read(0, out, 0, SIZE);
        return out;
    }

    public void set(int tid, byte[] state) {
        if (state.length != SIZE) throw new IllegalArgumentException("need " + SIZE + " bytes");
        block.write(0, state, 0, SIZE);
        point();
        Ptrace.call(Ptrace.SETREGSET, tid, NT_FPREGSET, iov.address());
    }

    private void point() {
        iov.setLong(0, block.address());
        iov.setLong(8, SIZE);
    }
}
