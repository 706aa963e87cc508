package dev.hindsight.tracer.regs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * x87, SSE and (where the CPU has it) AVX and AVX-512 state of one thread: the 512-byte FXSAVE
 * image, the upper halves of ymm0-15, and the AVX-512 registers ({@link Avx512Registers}).
 * Immutable; the {@code with…} methods return modified copies.
 */
public final class FpRegisters {
    public static final int FXSAVE_SIZE = 512, YMM_HIGH_SIZE = 256;
    private static final int FSW = 2, FTW = 4, MXCSR = 24, ST = 32, XMM = 160;

    private final byte[] fxsave;
    private final byte[] ymmHigh; // null when the CPU or kernel gives no AVX state
    private final Avx512Registers avx512; // null without AVX-512 state

    public FpRegisters(byte[] fxsave, byte[] ymmHigh) {
        this(fxsave, ymmHigh, null);
    }

    public FpRegisters(byte[] fxsave, byte[] ymmHigh, Avx512Registers avx512) {
        if (fxsave.length != FXSAVE_SIZE) throw new IllegalArgumentException("fxsave image must be 512 bytes");
        if (ymmHigh != null && ymmHigh.length != YMM_HIGH_SIZE) throw new IllegalArgumentException("ymm high must be 256 bytes");
        this.fxsave = fxsave.clone();
        this.ymmHigh = ymmHigh == null ? null : ymmHigh.clone();
        this.avx512 = ymmHigh == null ? null : avx512;
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

    /**
     * gdb's {@code ftag}: the full x87 tag word (2 bits per physical register: 0 valid, 1 zero,
     * 2 special, 3 empty) rebuilt from FXSAVE's abridged one (1 bit, in use or not) and the
     * contents of the registers in use.
     */
    public int fullTagWord() {
        int top = (fsw() >> 11) & 7, abridged = fxsave[FTW] & 0xff, tag = 0;
        for (int physical = 0; physical < 8; physical++) {
            int t = (abridged & (1 << physical)) == 0 ? 3 : X87.tag(st((physical - top) & 7));
            tag |= t << (2 * physical);
        }
        return tag;
    }

    /** The last x87 instruction's opcode (11 bits). */
    public int fop() {
        return le().getShort(6) & 0x7ff;
    }

    /** The last x87 instruction's address, low and high 32 bits (gdb's fioff, fiseg on amd64). */
    public int fioff() {
        return le().getInt(8);
    }

    public int fiseg() {
        return le().getInt(12);
    }

    /** The last x87 operand's address, low and high 32 bits (gdb's fooff, foseg on amd64). */
    public int fooff() {
        return le().getInt(16);
    }

    public int foseg() {
        return le().getInt(20);
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
        return new FpRegisters(copy, ymmHigh, avx512);
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
        return new FpRegisters(copy, ymmHigh, avx512);
    }

    public FpRegisters withMxcsr(int value) {
        byte[] copy = fxsave.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(MXCSR, value);
        return new FpRegisters(copy, ymmHigh, avx512);
    }

    public byte[] fxsaveImage() {
        return fxsave.clone();
    }

    public Optional<Avx512Registers> avx512() {
        return Optional.ofNullable(avx512);
    }

    public boolean hasAvx512() {
        return avx512 != null;
    }

    /** Mask register k{@code n} (0-7) when the CPU has AVX-512. */
    public OptionalLong k(int n) {
        if (n < 0 || n > 7) throw new IllegalArgumentException("k" + n);
        return avx512 == null ? OptionalLong.empty() : OptionalLong.of(avx512.k(n));
    }

    /**
     * The low {@code width} bytes (16 xmm, 32 ymm, 64 zmm) of vector register {@code n} (0-31),
     * when the CPU has the state that holds them: AVX for ymm0-15, AVX-512 for zmm and 16-31.
     */
    public Optional<byte[]> vector(int n, int width) {
        if (n < 0 || n > 31 || width != 16 && width != 32 && width != 64) throw new IllegalArgumentException("vector " + n + "/" + width);
        if (n < 16 && width == 16) return Optional.of(xmm(n));
        if (n < 16 && width == 32) return ymm(n);
        if (avx512 == null) return Optional.empty();
        byte[] out = new byte[width];
        if (n >= 16) {
            System.arraycopy(avx512.hi16Zmm(n), 0, out, 0, width);
        } else {
            System.arraycopy(ymm(n).orElseThrow(), 0, out, 0, 32);
            System.arraycopy(avx512.zmmHi256(n), 0, out, 32, 32);
        }
        return Optional.of(out);
    }

    /** Vector register {@code n} with its low {@code value.length} (16, 32 or 64) bytes replaced, the rest as it was. */
    public FpRegisters withVector(int n, byte[] value) {
        int width = value.length;
        if (vector(n, width).isEmpty()) throw new IllegalStateException("this CPU has no " + (width == 16 ? "xmm" : width == 32 ? "ymm" : "zmm") + n);
        if (n >= 16) return new FpRegisters(fxsave, ymmHigh, avx512.withHi16Zmm(64 * (n - 16), value, 0, width));
        byte[] fx = fxsave.clone();
        System.arraycopy(value, 0, fx, XMM + 16 * n, 16);
        byte[] high = ymmHigh == null ? null : ymmHigh.clone();
        if (width >= 32) System.arraycopy(value, 16, high, 16 * n, 16);
        Avx512Registers a = width == 64 ? avx512.withZmmHi256(32 * n, value, 32, 32) : avx512;
        return new FpRegisters(fx, high, a);
    }

    /** Mask register k{@code n} set to {@code value}. */
    public FpRegisters withK(int n, long value) {
        if (k(n).isEmpty()) throw new IllegalStateException("this CPU has no k" + n);
        return new FpRegisters(fxsave, ymmHigh, avx512.withK(n, value));
    }

    public Optional<byte[]> ymmHighImage() {
        return Optional.ofNullable(ymmHigh).map(byte[]::clone);
    }

    private static void check(int n) {
        if (n < 0 || n > 15) throw new IllegalArgumentException("xmm" + n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FpRegisters f && Arrays.equals(fxsave, f.fxsave) && Arrays.equals(ymmHigh, f.ymmHigh)
                && java.util.Objects.equals(avx512, f.avx512);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fxsave) * 31 + Arrays.hashCode(ymmHigh);
    }
}
