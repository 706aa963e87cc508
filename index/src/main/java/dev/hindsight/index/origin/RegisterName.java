package dev.hindsight.index.origin;

import java.util.HashMap;
import java.util.Map;

/**
 * A register by its assembly name ({@code rax}, {@code eax}, {@code ah}, {@code r8d},
 * {@code xmm0}, {@code ymm3}) as bytes of a whole register: general registers are numbered by
 * their slot in the kernel's register order, vector register N is {@code VECTOR + N}. Two names
 * overlap when they share a byte ({@code al} and {@code ah} do not).
 */
record RegisterName(String name, int family, int offset, int width) {
    static final int VECTOR = 100;
    private static final Map<String, RegisterName> NAMES = new HashMap<>();

    static {
        // name variants by width 8, 4, 2, 1 and the high byte; kernel order slots (user_regs_struct)
        general(10, "rax", "eax", "ax", "al", "ah");
        general(5, "rbx", "ebx", "bx", "bl", "bh");
        general(11, "rcx", "ecx", "cx", "cl", "ch");
        general(12, "rdx", "edx", "dx", "dl", "dh");
        general(13, "rsi", "esi", "si", "sil", null);
        general(14, "rdi", "edi", "di", "dil", null);
        general(4, "rbp", "ebp", "bp", "bpl", null);
        general(19, "rsp", "esp", "sp", "spl", null);
        int[] slots = {9, 8, 7, 6, 3, 2, 1, 0};
        for (int n = 8; n <= 15; n++) general(slots[n - 8], "r" + n, "r" + n + "d", "r" + n + "w", "r" + n + "b", null);
        for (int n = 0; n < 32; n++) {
            NAMES.put("xmm" + n, new RegisterName("xmm" + n, VECTOR + n, 0, 16));
            NAMES.put("ymm" + n, new RegisterName("ymm" + n, VECTOR + n, 0, 32));
            NAMES.put("zmm" + n, new RegisterName("zmm" + n, VECTOR + n, 0, 64));
        }
    }

    private static void general(int slot, String q, String d, String w, String b, String high) {
        NAMES.put(q, new RegisterName(q, slot, 0, 8));
        NAMES.put(d, new RegisterName(d, slot, 0, 4));
        NAMES.put(w, new RegisterName(w, slot, 0, 2));
        NAMES.put(b, new RegisterName(b, slot, 0, 1));
        if (high != null) NAMES.put(high, new RegisterName(high, slot, 1, 1));
    }

    /** The register called {@code name} (case-insensitive), or null for one this engine does not follow (rip, flags, segments). */
    static RegisterName of(String name) {
        return name == null ? null : NAMES.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    boolean vector() { return family >= VECTOR; }

    /** The bytes a write to this name replaces: a 32-bit general write clears the upper half, a vector write the whole register. */
    RegisterName written() {
        if (vector()) return new RegisterName(name, family, 0, 64);
        return width == 4 ? new RegisterName(name, family, 0, 8) : this;
    }

    boolean overlaps(RegisterName o) {
        return o.family == family && o.offset < offset + width && offset < o.offset + o.width;
    }

    /** Whether a write to {@code o} leaves some of this register's bytes as they were (so the old value flows on). */
    boolean partlyKeptBy(RegisterName o) {
        RegisterName w = o.written();
        return w.offset > offset || w.offset + w.width < offset + width;
    }

    /**
     * This register's bytes (little-endian) from the 27 kernel-order registers and the fxsave
     * image (vector registers: its low 16 bytes, xmm0-15 only; null when not known).
     */
    byte[] bytes(long[] regs, byte[] fxsave) {
        if (vector()) {
            int n = family - VECTOR;
            if (fxsave == null || n >= 16) return null;
            return java.util.Arrays.copyOfRange(fxsave, 160 + 16 * n, 160 + 16 * n + Math.min(16, width));
        }
        byte[] out = new byte[width];
        for (int i = 0; i < width; i++) out[i] = (byte) (regs[family] >>> (8 * (offset + i)));
        return out;
    }

    /** The value as an unsigned number (general registers), for computing addresses. */
    long value(long[] regs) {
        long v = regs[family] >>> (8 * offset);
        return width == 8 ? v : v & ((1L << (8 * width)) - 1);
    }
}
