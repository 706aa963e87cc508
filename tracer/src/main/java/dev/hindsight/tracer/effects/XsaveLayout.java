package dev.hindsight.tracer.effects;

import dev.hindsight.tracer.sys.Cpuid;

/**
 * Sizes of the area an xsave-family instruction writes, from CPUID leaf 0xD (each state
 * component's size, standard-format offset and 64-byte alignment in the compacted format) and
 * XCR0. The requested-feature bitmap is edx:eax; the instruction saves RFBM = XCR0 &amp; edx:eax.
 * Standard format (xsave, xsaveopt): up to the end of the highest saved component, at least the
 * 512-byte legacy region plus the 64-byte header. Compacted (xsavec): the header's XCOMP_BV is
 * RFBM, and components follow each other from byte 576, aligned where CPUID says so.
 */
final class XsaveLayout {
    private static final int LEGACY_AND_HEADER = 576;
    private final long xcr0;
    private final int[] size = new int[64], offset = new int[64];
    private final boolean[] aligned = new boolean[64];

    XsaveLayout(long xcr0, int[][] subleaves) {
        this.xcr0 = xcr0;
        for (int i = 2; i < 64 && i < subleaves.length; i++) {
            if (subleaves[i] == null) continue;
            size[i] = subleaves[i][0];
            offset[i] = subleaves[i][1];
            aligned[i] = (subleaves[i][2] & 2) != 0;
        }
    }

    /** This machine's layout. */
    static XsaveLayout host() {
        Cpuid cpu = new Cpuid();
        if ((cpu.query(1, 0)[2] & (1 << 27)) == 0) throw new IllegalStateException("the OS has not enabled XSAVE (no OSXSAVE)");
        long xcr0 = cpu.xgetbv(0);
        int[][] subleaves = new int[64][];
        for (int i = 2; i < 63; i++) if ((xcr0 & (1L << i)) != 0) subleaves[i] = cpu.query(0xd, i);
        return new XsaveLayout(xcr0, subleaves);
    }

    long xcr0() {
        return xcr0;
    }

    int standardSize(long requested) {
        long rfbm = requested & xcr0;
        int end = LEGACY_AND_HEADER;
        for (int i = 2; i < 63; i++) {
            if ((rfbm & (1L << i)) != 0) end = Math.max(end, offset[i] + size[i]);
        }
        return end;
    }

    int compactedSize(long requested) {
        long rfbm = requested & xcr0;
        int end = LEGACY_AND_HEADER;
        for (int i = 2; i < 63; i++) {
            if ((rfbm & (1L << i)) == 0) continue;
            if (aligned[i]) end = (end + 63) & ~63;
            end += size[i];
        }
        return end;
    }
}
