package dev.hindsight.tracer.regs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * x87, SSE and (where the CPU has it) AVX state of one thread: the 512-byte FXSAVE image plus
 * the upper halves of ymm0-15. Immutable; the {@code with…} methods return modified copies.
 */
public final class FpRegisters {
    public static final int FXSAVE_SIZE = 512, YMM_HIGH_SIZE = 256;
    private static final int FSW = 2, FTW = 4, MXCSR = 24, ST = 32, XMM = 160;

    private final byte[] fxsave;
    private final byte[] ymmHigh; // null when the CPU or kernel gives no AVX state

    public FpRegisters(byte[] fxsave, byte[] ymmHigh) {
        if (fxsave.length != FXSAVE_SIZE) throw new IllegalArgumentException("fxsave image must be 512 bytes");
        if (ymmHigh != null && ymmHigh.length != YMM_HIGH_SIZE) throw new IllegalArgumentException("ymm high must be 256 bytes");
        this.fxsave = fxsave.clone();
        this.ymmHigh = ymmHigh == null ? null : ymmHigh.clone();
    }

    private ByteBuffer le() {
        return ByteBuffer.wrap(fxsave).order(ByteOrder.LITTLE_ENDIAN);
    }

    public int fcw() {
        return le().getShort(0) & 0xffff;
    }

    public int fsw() {
        return le().getShort(2) & 0xffff;
    }

    public int ftw() {
        return le().getShort(4) & 0xffff;
    }

    public int mxcsr() {
        return le().getInt(MXCSR);
    }

    /** The 16 bytes of xmm{@code n}, little-endian. */
    public byte[] xmm(int n) {
        check(n);
        return Arrays.copyOfRange(fxsave, XMM + 16 * n, XMM + 16 * n + 16);
    }

    /** The 32 bytes of ymm{@code n} when AVX state is available. */
    public Optional<byte[]> ymm(int n) {
        check(n);
        if (ymmHigh == null) return Optional.empty();
        byte[] y = new byte[32];
        System.arraycopy(fxsave, XMM + 16 * n, y, 0, 16);
        System.arraycopy(ymmHigh, 16 * n, y, 16, 16);
        return Optional.of(y);
    }

    public boolean hasAvx() {
        return ymmHigh != null;
    }

    /** The 10-byte x87 register st{@code n} (physical slot order as FXSAVE stores it: st0 first). */
    public byte[] st(int n) {
        if (n < 0 || n > 7) throw new IllegalArgumentException("st" + n);
        return Arrays.copyOfRange(fxsave, ST + 16 * n, ST + 16 * n + 10);
    }

    /** st{@code n} converted to a double (precision beyond 53 bits is lost). */
    public double stAsDouble(int n) {
        return X87.toDouble(st(n));
    }

    public double xmmDouble(int n, int lane) {
        return ByteBuffer.wrap(xmm(n)).order(ByteOrder.LITTLE_ENDIAN).getDouble(lane * 8);
    }

    public float xmmFloat(int n, int lane) {
        return ByteBuffer.wrap(xmm(n)).order(ByteOrder.LITTLE_ENDIAN).getFloat(lane * 4);
    }

    public FpRegisters withXmm(int n, byte[] value16) {
        check(n);
        if (value16.length != 16) throw new IllegalArgumentException("xmm value must be 16 bytes");
        byte[] copy = fxsave.clone();
        System.arraycopy(value16, 0, copy, XMM + 16 * n, 16);
        return new FpRegisters(copy, ymmHigh);
    }

    /**
     * The x87 stack as a function returning a {@code long double} leaves it (the ABI's st0):
     * {@code value10} pushed on an otherwise empty stack (TOP 7, only that register tagged in
     * use), as gdb's {@code return} leaves it, so the caller's {@code fstp} pops that value.
     */
    public FpRegisters withReturnedSt0(byte[] value10) {
        if (value10.length != 10) throw new IllegalArgumentException("an x87 register is 10 bytes");
        byte[] copy = fxsave.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(FSW, (short) ((b.getShort(FSW) & ~0x3800) | 7 << 11));
        copy[FTW] = (byte) 0x80; // FXSAVE's abridged tag: physical register 7 (st0 at TOP 7) in use
        Arrays.fill(copy, ST, ST + 8 * 16, (byte) 0);
        System.arraycopy(value10, 0, copy, ST, 10);
        return new FpRegisters(copy, ymmHigh);
    }

    public FpRegisters withMxcsr(int value) {
        byte[] copy = fxsave.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(MXCSR, value);
        return new FpRegisters(copy, ymmHigh);
    }

    public byte[] fxsaveImage() {
        return fxsave.clone();
    }

    public Optional<byte[]> ymmHighImage() {
        return Optional.ofNullable(ymmHigh).map(byte[]::clone);
    }

    private static void check(int n) {
        if (n < 0 || n > 15) throw new IllegalArgumentException("xmm" + n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FpRegisters f && Arrays.equals(fxsave, f.fxsave) && Arrays.equals(ymmHigh, f.ymmHigh);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fxsave) * 31 + Arrays.hashCode(ymmHigh);
    }
}
