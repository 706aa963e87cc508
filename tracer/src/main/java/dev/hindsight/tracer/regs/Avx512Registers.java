package dev.hindsight.tracer.regs;

import java.util.Arrays;

/**
 * The AVX-512 state of one thread beyond what FXSAVE and AVX hold: the mask registers k0-k7, the
 * upper 256 bits of zmm0-15 (XSAVE's ZMM_Hi256 component) and all 512 bits of zmm16-31
 * (Hi16_ZMM). Immutable; {@link FpRegisters} composes it with the x87/SSE/AVX state.
 */
public final class Avx512Registers {
    public static final int ZMM_HI256_SIZE = 16 * 32, HI16_ZMM_SIZE = 16 * 64;

    private final long[] k;
    private final byte[] zmmHi256, hi16Zmm;

    public Avx512Registers(long[] k, byte[] zmmHi256, byte[] hi16Zmm) {
        if (k.length != 8 || zmmHi256.length != ZMM_HI256_SIZE || hi16Zmm.length != HI16_ZMM_SIZE) {
            throw new IllegalArgumentException("AVX-512 state is 8 masks, 16x32 and 16x64 bytes");
        }
        this.k = k.clone();
        this.zmmHi256 = zmmHi256.clone();
        this.hi16Zmm = hi16Zmm.clone();
    }

    /** All zero: the state's init (unused) form. */
    public static Avx512Registers zero() {
        return new Avx512Registers(new long[8], new byte[ZMM_HI256_SIZE], new byte[HI16_ZMM_SIZE]);
    }

    public long k(int n) {
        return k[n];
    }

    public long[] masks() {
        return k.clone();
    }

    /** Bytes 32-63 of zmm{@code n} for n 0-15. */
    public byte[] zmmHi256(int n) {
        return Arrays.copyOfRange(zmmHi256, 32 * n, 32 * n + 32);
    }

    /** The 64 bytes of zmm{@code n} for n 16-31. */
    public byte[] hi16Zmm(int n) {
        return Arrays.copyOfRange(hi16Zmm, 64 * (n - 16), 64 * (n - 16) + 64);
    }

    public byte[] zmmHi256Image() {
        return zmmHi256.clone();
    }

    public byte[] hi16ZmmImage() {
        return hi16Zmm.clone();
    }

    public Avx512Registers withK(int n, long value) {
        long[] copy = k.clone();
        copy[n] = value;
        return new Avx512Registers(copy, zmmHi256, hi16Zmm);
    }

    /** {@code bytes} written at byte {@code from} of ZMM_Hi256 (zmm0-15's upper halves). */
    Avx512Registers withZmmHi256(int from, byte[] bytes, int offset, int length) {
        byte[] copy = zmmHi256.clone();
        System.arraycopy(bytes, offset, copy, from, length);
        return new Avx512Registers(k, copy, hi16Zmm);
    }

    /** {@code bytes} written at byte {@code from} of Hi16_ZMM (zmm16-31). */
    Avx512Registers withHi16Zmm(int from, byte[] bytes, int offset, int length) {
        byte[] copy = hi16Zmm.clone();
        System.arraycopy(bytes, offset, copy, from, length);
        return new Avx512Registers(k, zmmHi256, copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Avx512Registers a && Arrays.equals(k, a.k) && Arrays.equals(zmmHi256, a.zmmHi256)
                && Arrays.equals(hi16Zmm, a.hi16Zmm);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(k) * 31 + Arrays.hashCode(zmmHi256)) * 31 + Arrays.hashCode(hi16Zmm);
    }
}
