package dev.hindsight.tracer.effects;

import java.util.Arrays;

/**
 * For instructions Capstone 4 cannot decode. Legacy encodings: the hint-NOP space 0f 18–1f
 * (CET's {@code rdsspq}, which libgcc's unwinder runs, and {@code endbr64} forms) and
 * {@code rdpkru}/{@code wrpkru} write no memory. VEX/EVEX instructions (glibc's AVX-512 string functions use ~20
 * of them: {@code kmovd}, {@code vpcmpeqb} into a mask, {@code vptestnmb}, {@code vpternlogd}…):
 * the encoding alone tells whether memory can be written. A register form (ModRM.mod = 3) has no
 * memory operand, so writes nothing; a memory form writes only if its opcode is one of the
 * store forms of the VEX/EVEX maps (then it is reported unknown: the operand is not decoded
 * here); any other memory operand is a source. Also computes the length, which the plan cache
 * needs to confirm the bytes. Returns null for anything else.
 */
final class EncodingFallback {
    private EncodingFallback() {}

    static InstructionPlan plan(long pc, byte[] code, int available) {
        int p = 0;
        while (p < available && isLegacyPrefixOrRex(code[p] & 0xff)) p++;
        if (p > 0 || (available > 1 && (code[0] & 0xff) == 0x0f)) return legacy(pc, code, available, p);
        return vex(pc, code, available);
    }

    private static boolean isLegacyPrefixOrRex(int b) {
        return b == 0x66 || b == 0x67 || b == 0xf2 || b == 0xf3 || b == 0xf0 || b == 0x2e || b == 0x3e || b == 0x26
                || b == 0x64 || b == 0x65 || b == 0x36 || (b >= 0x40 && b <= 0x4f);
    }

    private static InstructionPlan legacy(long pc, byte[] code, int available, int p) {
        if (p + 3 > available || (code[p] & 0xff) != 0x0f) return null;
        int op = code[p + 1] & 0xff, modrm = code[p + 2] & 0xff;
        if (op == 0x01 && (modrm == 0xee || modrm == 0xef)) {
            return InstructionPlan.opaque(pc, Arrays.copyOf(code, p + 3), modrm == 0xee ? "rdpkru" : "wrpkru",
                    InstructionPlan.Write.NONE, null);
        }
        if (op < 0x18 || op > 0x1f) return null;
        int length = modrmEnd(code, available, p + 2);
        if (length < 0) return null;
        return InstructionPlan.opaque(pc, Arrays.copyOf(code, length), "(hint nop 0f " + Integer.toHexString(op) + ")",
                InstructionPlan.Write.NONE, null);
    }

    /** The index just past ModRM, SIB and displacement starting at {@code at}, or -1 if truncated. */
    private static int modrmEnd(byte[] code, int available, int at) {
        int modrm = code[at] & 0xff;
        int mod = modrm >> 6, rm = modrm & 7;
        int length = at + 1;
        if (mod != 3) {
            if (rm == 4) {
                if (available <= length) return -1;
                int base = code[length] & 7;
                length++;
                if (mod == 0 && base == 5) length += 4;
            } else if (mod == 0 && rm == 5) {
                length += 4;
            }
            if (mod == 1) length += 1;
            if (mod == 2) length += 4;
        }
        return length <= available ? length : -1;
    }

    private static InstructionPlan vex(long pc, byte[] code, int available) {
        if (available < 4) return null;
        int lead = code[0] & 0xff;
        int map, pp, at;
        if (lead == 0x62) { // EVEX: 62 P0 P1 P2 opcode modrm
            if (available < 6) return null;
            map = code[1] & 7;
            pp = code[2] & 3;
            at = 4;
        } else if (lead == 0xc4) { // VEX3: c4 RXBmmmmm WvvvvLpp opcode modrm
            map = code[1] & 0x1f;
            pp = code[2] & 3;
            at = 3;
        } else if (lead == 0xc5) { // VEX2: c5 RvvvvLpp opcode modrm
            map = 1;
            pp = code[1] & 3;
            at = 2;
        } else {
            return null;
        }
        if (map < 1 || map > 3) return null;
        int opcode = code[at] & 0xff;
        int modrm = code[at + 1] & 0xff;
        int mod = modrm >> 6;
        int length = modrmEnd(code, available, at + 1);
        if (length < 0) return null;
        if (map == 3 || (map == 1 && (opcode >= 0x70 && opcode <= 0x73 || opcode == 0xc2 || opcode == 0xc4 || opcode == 0xc5
                || opcode == 0xc6))) {
            length += 1; // imm8
        }
        if (length > available || length > 15) return null;
        byte[] bytes = Arrays.copyOf(code, length);
        String mnemonic = String.format("(vex map %d opcode 0x%02x)", map, opcode);
        if (mod != 3 && isStore(map, pp, opcode)) {
            return InstructionPlan.opaque(pc, bytes, mnemonic, InstructionPlan.Write.UNKNOWN,
                    mnemonic + " at 0x" + Long.toHexString(pc) + ": a VEX/EVEX store Capstone cannot decode");
        }
        return InstructionPlan.opaque(pc, bytes, mnemonic, InstructionPlan.Write.NONE, null);
    }

    /** Opcodes whose memory form is the destination (SDM vol. 2, VEX/EVEX store forms). */
    private static boolean isStore(int map, int pp, int opcode) {
        return switch (map) {
            case 1 -> opcode == 0x11 || opcode == 0x13 || opcode == 0x17 || opcode == 0x29 || opcode == 0x2b
                    || (opcode == 0x7e && pp == 1) || opcode == 0x7f || opcode == 0xd6 || opcode == 0xe7 || opcode == 0x91;
            case 2 -> opcode == 0x8a || opcode == 0x8b || opcode == 0x63 || (opcode >= 0xa0 && opcode <= 0xa3)
                    || opcode == 0x8e || opcode == 0x2e || opcode == 0x2f
                    || (pp == 2 && (opcode >= 0x10 && opcode <= 0x15 || opcode >= 0x20 && opcode <= 0x25 || opcode >= 0x30 && opcode <= 0x35));
            case 3 -> (opcode >= 0x14 && opcode <= 0x17) || opcode == 0x19 || opcode == 0x1b || opcode == 0x1d || opcode == 0x39
                    || opcode == 0x3b;
            default -> true;
        };
    }
}
