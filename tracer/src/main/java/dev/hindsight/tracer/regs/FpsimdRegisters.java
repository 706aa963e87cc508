package dev.hindsight.tracer.regs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * AArch64's SIMD and floating-point state of one thread ({@code NT_FPREGSET}): v0-v31, 128 bits
 * each, seen as q (all 16 bytes), d (the low 8: a double), s (the low 4: a float); fpsr and fpcr.
 * Immutable; {@link #withV} returns a modified copy.
 */
public final class FpsimdRegisters {
    public static final int SIZE = 528, COUNT = 32;
    private static final int FPSR = 512, FPCR = 516;
    private final byte[] state;

    public FpsimdRegisters(byte[] userFpsimdState) {
        if (userFpsimdState.length != SIZE) throw new IllegalArgumentException("user_fpsimd_state is " + SIZE + " bytes");
        this.state = userFpsimdState.clone();
    }

    private ByteBuffer le() {
        return ByteBuffer.wrap(state).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** v{n}'s 16 bytes, little endian (q{n}). */
    public byte[] v(int n) {
        check(n);
        return Arrays.copyOfRange(state, 16 * n, 16 * n + 16);
    }

    /** d{n}: the low 64 bits as a double. */
    public double d(int n) {
        check(n);
        return le().getDouble(16 * n);
    }

    /** s{n}: the low 32 bits as a float. */
    public float s(int n) {
        check(n);
        return le().getFloat(16 * n);
    }

    public int fpsr() {
        return le().getInt(FPSR);
    }

    public int fpcr() {
        return le().getInt(FPCR);
    }

    public FpsimdRegisters withV(int n, byte[] value) {
        check(n);
        if (value.length != 16) throw new IllegalArgumentException("v registers are 16 bytes");
        byte[] copy = state.clone();
        System.arraycopy(value, 0, copy, 16 * n, 16);
        return new FpsimdRegisters(copy);
    }

    /** The kernel image, for writing back. */
    public byte[] image() {
        return state.clone();
    }

    private static void check(int n) {
        if (n < 0 || n >= COUNT) throw new IllegalArgumentException("no register v" + n);
    }
}
