package dev.hindsight.tracer.testing;

import dev.hindsight.tracer.regs.XstateLayout;
import dev.hindsight.tracer.sys.Cpuid;
import java.util.Optional;

/**
 * What this machine's CPU and kernel offer for the {@code wide_registers.c} fixture, from CPUID
 * and XCR0, so a test skips only the part the machine hides and says why.
 */
public final class WideRegisterSupport {
    private WideRegisterSupport() {}

    /** Empty when AVX-512F runs here with its state enabled; else the reason it does not. */
    public static Optional<String> missingAvx512() {
        return XstateLayout.avx512Missing();
    }

    /**
     * Empty when gdb 13 reads this machine's AVX-512 registers correctly; else why not. gdb before 14
     * takes the xsave image's component offsets as Intel's (k0-7 at 1088, ZMM_Hi256 at 1152,
     * Hi16_ZMM at 1664); CPUID leaf 0xD gives others on AMD, and there gdb 13 shows the wrong bytes
     * (gdb 14's "x86_xsave_layout" reads the offsets from CPUID).
     */
    public static Optional<String> gdbMisreadsAvx512() {
        Cpuid cpu = new Cpuid();
        int k = cpu.query(0xd, 5)[1], hi256 = cpu.query(0xd, 6)[1], hi16 = cpu.query(0xd, 7)[1];
        if (k == 1088 && hi256 == 1152 && hi16 == 1664) return Optional.empty();
        return Optional.of("CPUID leaf 0xD places k0-7/ZMM_Hi256/Hi16_ZMM at " + k + "/" + hi256 + "/" + hi16
                + ", not the 1088/1152/1664 gdb 13 assumes, so gdb 13 shows wrong AVX-512 values here");
    }

    /** The fixture's {@code pattern}: byte i is i*7+1, byte 40 is 0, bytes 48-63 are 0x5a. */
    public static byte[] pattern() {
        byte[] p = new byte[64];
        for (int i = 0; i < 64; i++) p[i] = (byte) (i * 7 + 1);
        p[40] = 0;
        for (int i = 48; i < 64; i++) p[i] = 0x5a;
        return p;
    }
}
