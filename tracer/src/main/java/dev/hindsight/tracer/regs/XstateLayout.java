package dev.hindsight.tracer.regs;

import dev.hindsight.tracer.sys.Cpuid;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where the AVX and AVX-512 components lie in the kernel's NT_X86_XSTATE image (the XSAVE
 * standard format): at the offsets CPUID leaf 0xD gives for each component, which differ between
 * vendors (Intel keeps MPX's slots before the mask registers, AMD does not: k0-7 at 1088 on one,
 * 832 on the other). The kernel writes its XCR0 (the components it enabled) at byte 464 of the
 * legacy area; a component whose XSTATE_BV bit (byte 512) is clear is in its init state, zeros.
 */
public final class XstateLayout {
    public static final int AVX = 2, OPMASK = 5, ZMM_HI256 = 6, HI16_ZMM = 7;
    private static final int XCR0_AT = 464, XSTATE_BV_AT = 512;
    private static final int[] SIZE = {0, 0, 256, 0, 0, 64, 512, 1024};
    private static volatile XstateLayout host;

    private final int[] offset;

    /** {@code offsets[i]}: component i's standard-format offset (CPUID 0xD subleaf i, EBX); 0 when absent. */
    public XstateLayout(int[] offsets) {
        this.offset = java.util.Arrays.copyOf(offsets, 8);
    }

    /** This CPU's layout (the one the kernel uses for the tracee, which runs on it too). */
    public static XstateLayout host() {
        XstateLayout h = host;
        if (h == null) {
            int[] offsets = new int[8];
            try {
                Cpuid cpu = new Cpuid();
                for (int i = AVX; i <= HI16_ZMM; i++) offsets[i] = cpu.query(0xd, i)[1];
            } catch (RuntimeException | LinkageError e) {
                offsets[AVX] = 576; // the architectural AVX offset; AVX-512 stays unknown
            }
            host = h = new XstateLayout(offsets);
        }
        return h;
    }

    /** Empty when AVX-512F runs on this CPU with its state enabled by the kernel; else why not (CPUID, XCR0). */
    public static java.util.Optional<String> avx512Missing() {
        Cpuid cpu = new Cpuid();
        if ((cpu.query(7, 0)[1] & (1 << 16)) == 0) return java.util.Optional.of("CPUID.7.0:EBX bit 16 (AVX-512F) is clear on this CPU");
        long xcr0 = cpu.xgetbv(0), avx512 = 0xe0; // opmask, ZMM_Hi256, Hi16_ZMM
        if ((xcr0 & avx512) != avx512) return java.util.Optional.of(String.format("the kernel did not enable AVX-512 state: XCR0 = 0x%x", xcr0));
        return java.util.Optional.empty();
    }

    public int offset(int component) {
        return offset[component];
    }

    /** Whether {@code area} holds component {@code c}: the kernel enabled it and the image reaches its end. */
    public boolean holds(byte[] area, int c) {
        return area != null && area.length >= XSTATE_BV_AT + 8 && offset[c] >= 576
                && (le(area).getLong(XCR0_AT) & (1L << c)) != 0 && area.length >= offset[c] + SIZE[c];
    }

    /** Component {@code c}'s bytes, zeros when it is in its init state; null when the image lacks it. */
    public byte[] component(byte[] area, int c) {
        if (!holds(area, c)) return null;
        byte[] out = new byte[SIZE[c]];
        if ((le(area).getLong(XSTATE_BV_AT) & (1L << c)) != 0) System.arraycopy(area, offset[c], out, 0, SIZE[c]);
        return out;
    }

    /** {@code area} with component {@code c} replaced by {@code bytes} and marked in use (for SETREGSET). */
    public void put(byte[] area, int c, byte[] bytes) {
        if (!holds(area, c)) throw new IllegalStateException("the kernel offers no xsave component " + c);
        System.arraycopy(bytes, 0, area, offset[c], SIZE[c]);
        ByteBuffer b = le(area);
        b.putLong(XSTATE_BV_AT, b.getLong(XSTATE_BV_AT) | 1L << c);
    }

    /** The x87/SSE/AVX/AVX-512 registers: {@code fxsave} plus what {@code area} (may be null) holds. */
    public FpRegisters registers(byte[] fxsave, byte[] area) {
        byte[] ymmHigh = component(area, AVX);
        byte[] k = component(area, OPMASK), hi256 = component(area, ZMM_HI256), hi16 = component(area, HI16_ZMM);
        Avx512Registers avx512 = null;
        if (k != null && hi256 != null && hi16 != null) {
            long[] masks = new long[8];
            le(k).asLongBuffer().get(masks);
            avx512 = new Avx512Registers(masks, hi256, hi16);
        }
        return new FpRegisters(fxsave, ymmHigh, avx512);
    }

    /** Writes the AVX and AVX-512 parts of {@code fp} into {@code area}, an image read from the thread. */
    public void write(byte[] area, FpRegisters fp) {
        fp.ymmHighImage().ifPresent(h -> put(area, AVX, h));
        fp.avx512().ifPresent(a -> {
            byte[] k = new byte[64];
            le(k).asLongBuffer().put(a.masks());
            put(area, OPMASK, k);
            put(area, ZMM_HI256, a.zmmHi256Image());
            put(area, HI16_ZMM, a.hi16ZmmImage());
        });
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
