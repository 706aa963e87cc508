package dev.hindsight.tracer.sys;

/**
 * Register-block transfers with preallocated buffers: GETREGS/SETREGS (27 longs), GETFPREGS
 * (FXSAVE, 512 bytes) and GETREGSET/SETREGSET(NT_X86_XSTATE), the whole XSAVE image (AVX,
 * AVX-512; {@code regs.XstateLayout} cuts it up). One instance per ptrace thread.
 */
public final class Regs implements GeneralRegisterAccess {
    public static final int GPR_COUNT = 27;
    private static final int XSTATE_MAX = 16384, XSTATE_BV = 512, YMM_HIGH = 576;

    private final NativeBuffer gpr = NativeBuffer.allocate(GPR_COUNT * 8L);
    private final NativeBuffer fp = NativeBuffer.allocate(512);
    private final NativeBuffer xstate = NativeBuffer.allocate(XSTATE_MAX);
    private final NativeBuffer iov = NativeBuffer.allocate(16);

    @Override
    public long[] get(int tid) {
        Ptrace.call(Ptrace.GETREGS, tid, 0, gpr.address());
        long[] out = new long[GPR_COUNT];
        gpr.readLongs(0, out, 0, GPR_COUNT);
        return out;
    }

    /** Just rip, for hot loops that only need the pc. */
    public long pc(int tid) {
        Ptrace.call(Ptrace.GETREGS, tid, 0, gpr.address());
        return gpr.getLong(16 * 8L);
    }

    @Override
    public void set(int tid, long[] values) {
        gpr.writeLongs(0, values, 0, GPR_COUNT);
        Ptrace.call(Ptrace.SETREGS, tid, 0, gpr.address());
    }

    public byte[] getFp(int tid) {
        Ptrace.call(Ptrace.GETFPREGS, tid, 0, fp.address());
        byte[] out = new byte[512];
        fp.read(0, out, 0, 512);
        return out;
    }

    public void setFp(int tid, byte[] fxsave) {
        fp.write(0, fxsave, 0, 512);
        Ptrace.call(Ptrace.SETFPREGS, tid, 0, fp.address());
    }

    /** The upper halves of ymm0-15 (256 bytes), or null when the kernel offers no AVX state. */
    public byte[] getYmmHigh(int tid) {
        if (!readXstate(tid)) return null;
        byte[] out = new byte[256];
        long bv = xstate.getLong(XSTATE_BV);
        if ((bv & 4) != 0) xstate.read(YMM_HIGH, out, 0, 256); // else AVX state is in its init (zero) state
        return out;
    }

    public void setYmmHigh(int tid, byte[] high) {
        if (!readXstate(tid)) throw new IllegalStateException("no AVX state on this machine");
        xstate.write(YMM_HIGH, high, 0, 256);
        xstate.setLong(XSTATE_BV, xstate.getLong(XSTATE_BV) | 4);
        iov.setLong(0, xstate.address());
        Ptrace.call(Ptrace.SETREGSET, tid, Ptrace.NT_X86_XSTATE, iov.address());
    }

    /** The thread's XSAVE image (standard format, as long as the kernel says), or null without xsave support. */
    public byte[] getXstate(int tid) {
        if (!readXstate(tid)) return null;
        byte[] out = new byte[(int) iov.getLong(8)];
        xstate.read(0, out, 0, out.length);
        return out;
    }

    /** Writes an image read by {@link #getXstate} and modified back to the thread. */
    public void setXstate(int tid, byte[] area) {
        xstate.write(0, area, 0, area.length);
        iov.setLong(0, xstate.address());
        iov.setLong(8, area.length);
        Ptrace.call(Ptrace.SETREGSET, tid, Ptrace.NT_X86_XSTATE, iov.address());
    }

    private boolean readXstate(int tid) {
        iov.setLong(0, xstate.address());
        iov.setLong(8, XSTATE_MAX);
        if (Ptrace.tryCall(Ptrace.GETREGSET, tid, Ptrace.NT_X86_XSTATE, iov.address()) != 0) return false;
        long len = iov.getLong(8);
        iov.setLong(8, len);
        return len >= YMM_HIGH + 256;
    }
}
