package dev.hindsight.tracer.disasm;

/**
 * What libopcodes reads from an x86-64 instruction's bytes to choose its spelling, where LLVM's text
 * no longer tells it: whether the ModRM/SIB form encodes a displacement (objdump prints an encoded
 * zero as {@code 0x0(%rax)}, LLVM drops it) and which segment-override prefix the bytes carry.
 */
final class X86Encoding {
    private X86Encoding() {}

    /**
     * True if the instruction's memory operand has a displacement field: ModRM mod 01 or 10, or mod
     * 00 with rip-relative r/m 101 or a SIB without base (base 101). False without a ModRM memory form.
     */
    static boolean hasDisplacement(byte[] bytes) {
        int at = modRmIndex(bytes);
        if (at < 0 || at >= bytes.length) return false;
        int modRm = bytes[at] & 0xff;
        int mod = modRm >> 6, rm = modRm & 7;
        if (mod == 1 || mod == 2) return true;
        if (mod != 0) return false;
        if (rm == 5) return true;
        return rm == 4 && at + 1 < bytes.length && (bytes[at + 1] & 7) == 5;
    }

    /** The index of the ModRM byte, assuming the opcode takes one; -1 if the bytes end first. */
    static int modRmIndex(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && isLegacyPrefix(bytes[i] & 0xff)) i++;
        if (i < bytes.length && (bytes[i] & 0xf0) == 0x40) i++; // REX
        if (i >= bytes.length) return -1;
        int first = bytes[i] & 0xff;
        if (first == 0xc5) return i + 3; // VEX2: c5 xx opcode
        if (first == 0xc4) return i + 4; // VEX3: c4 xx xx opcode
        if (first == 0x8f && i + 1 < bytes.length && ((bytes[i + 1] >> 3) & 7) != 0) return i + 4; // XOP
        if (first == 0x62) return i + 5; // EVEX: 62 xx xx xx opcode
        if (first != 0x0f) return i + 1;
        if (i + 1 >= bytes.length) return -1;
        int second = bytes[i + 1] & 0xff;
        return second == 0x38 || second == 0x3a ? i + 3 : i + 2;
    }

    /** The last of the cs/ss/ds/es override prefixes (which 64-bit mode ignores), or null. */
    static String nullSegmentPrefix(byte[] bytes) {
        String found = null;
        for (byte b : bytes) {
            int v = b & 0xff;
            if (!isLegacyPrefix(v)) break;
            switch (v) {
                case 0x2e -> found = "cs";
                case 0x36 -> found = "ss";
                case 0x3e -> found = "ds";
                case 0x26 -> found = "es";
                default -> { }
            }
        }
        return found;
    }

    static boolean isLegacyPrefix(int v) {
        return v == 0xf0 || v == 0xf2 || v == 0xf3 || v == 0x2e || v == 0x36 || v == 0x3e || v == 0x26
                || v == 0x64 || v == 0x65 || v == 0x66 || v == 0x67;
    }
}
