package dev.hindsight.mi.commands;

import dev.hindsight.tracer.regs.Eflags;
import dev.hindsight.tracer.regs.FpRegisters;
import dev.hindsight.tracer.regs.Registers;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * gdb's x86-64 Linux register numbering (amd64 with AVX and AVX-512 target descriptions): the
 * numbers front ends pass to {@code -data-list-register-values}. Names the CPU or gdb's
 * description leave out are empty strings, as gdb lists them. Values are read for the general,
 * segment and base registers, their 8/16/32-bit parts, eflags, fctrl/fstat/fop, xmm0-15 and mxcsr;
 * the others answer {@code <unavailable>}.
 */
final class RegisterTable {
    static final String[] GPR = {"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    static final List<String> NAMES = build();

    private RegisterTable() {}

    private static List<String> build() {
        List<String> n = new ArrayList<>(List.of(GPR));
        n.addAll(List.of("rip", "eflags", "cs", "ss", "ds", "es", "fs", "gs"));
        for (int i = 0; i < 8; i++) n.add("st" + i);
        n.addAll(List.of("fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff", "fop"));
        for (int i = 0; i < 16; i++) n.add("xmm" + i);
        n.add("mxcsr");
        for (int i = 0; i < 16; i++) n.add("ymm" + i + "h");
        for (int i = 0; i < 6; i++) n.add(""); // MPX bounds registers, absent
        for (int i = 16; i < 32; i++) n.add("xmm" + i);
        for (int i = 16; i < 32; i++) n.add("ymm" + i + "h");
        for (int i = 0; i < 8; i++) n.add("k" + i);
        for (int i = 0; i < 32; i++) n.add("zmm" + i + "h");
        n.add(""); // pkru, absent
        n.addAll(List.of("fs_base", "gs_base", "orig_rax"));
        for (String r : List.of("al", "bl", "cl", "dl", "sil", "dil", "bpl", "spl")) n.add(r);
        for (int i = 8; i < 16; i++) n.add("r" + i + "l");
        n.addAll(List.of("ah", "bh", "ch", "dh", "ax", "bx", "cx", "dx", "si", "di", "bp", ""));
        for (int i = 8; i < 16; i++) n.add("r" + i + "w");
        for (String r : List.of("eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp")) n.add(r);
        for (int i = 8; i < 16; i++) n.add("r" + i + "d");
        for (int i = 0; i < 32; i++) n.add("ymm" + i);
        for (int i = 0; i < 32; i++) n.add("zmm" + i);
        return List.copyOf(n);
    }

    /** A register's integer value and gdb's type for it; null when Hindsight does not read it. */
    record Raw(long value, int bits, Kind kind) {}

    enum Kind { INT, DATA_PTR, CODE_PTR, FLAGS, MXCSR }

    static Raw read(int number, Registers r, FpRegisters fp) {
        if (number < 0 || number >= NAMES.size()) return null;
        String name = NAMES.get(number);
        if (number < 16) {
            Kind k = name.equals("rsp") || name.equals("rbp") ? Kind.DATA_PTR : Kind.INT;
            return new Raw(r.get(name), 64, k);
        }
        switch (name) {
            case "rip": return new Raw(r.rip(), 64, Kind.CODE_PTR);
            case "eflags": return new Raw(r.eflags(), 32, Kind.FLAGS);
            case "cs", "ss", "ds", "es", "fs", "gs": return new Raw(r.get(name), 32, Kind.INT);
            case "fs_base", "gs_base", "orig_rax": return new Raw(r.get(name), 64, Kind.INT);
            case "fctrl": return fp == null ? null : new Raw(fp.fcw(), 32, Kind.INT);
            case "fstat": return fp == null ? null : new Raw(fp.fsw(), 32, Kind.INT);
            case "fop": return fp == null ? null : new Raw(ByteBuffer.wrap(fp.fxsaveImage()).order(ByteOrder.LITTLE_ENDIAN).getShort(6) & 0x7ff, 32, Kind.INT);
            case "mxcsr": return fp == null ? null : new Raw(fp.mxcsr() & 0xffffffffL, 32, Kind.MXCSR);
            default: break;
        }
        int base = NAMES.indexOf("al");
        if (number >= base && number < base + 16) return new Raw(r.get(GPR[number - base]) & 0xff, 8, Kind.INT);
        if (number >= base + 16 && number < base + 20) return new Raw((r.get(GPR[number - base - 16]) >> 8) & 0xff, 8, Kind.INT);
        if (number >= base + 20 && number < base + 36 && !name.isEmpty()) return new Raw(r.get(GPR[number - base - 20]) & 0xffff, 16, Kind.INT);
        if (number >= base + 36 && number < base + 52) return new Raw(r.get(GPR[number - base - 36]) & 0xffffffffL, 32, Kind.INT);
        return null;
    }

    /** xmm0-15's 16 bytes, or null. */
    static byte[] vector(int number, FpRegisters fp) {
        String name = NAMES.get(number);
        if (fp == null || !name.startsWith("xmm")) return null;
        int n = Integer.parseInt(name.substring(3));
        return n < 16 ? fp.xmm(n) : null;
    }

    /** A value in gdb's register formats: x hex, o octal, t binary, d signed decimal, r raw, N natural. */
    static String format(Raw v, char fmt) {
        long mask = v.bits() == 64 ? -1L : (1L << v.bits()) - 1;
        long u = v.value() & mask;
        switch (fmt) {
            case 'x', 'r': return "0x" + Long.toHexString(u);
            case 'o': return "0" + Long.toOctalString(u);
            case 't': return Long.toBinaryString(u);
            case 'd': return Long.toString(signed(u, v.bits()));
            default: break;
        }
        return switch (v.kind()) {
            case DATA_PTR -> "0x" + Long.toHexString(u);
            case CODE_PTR -> "0x" + Long.toHexString(u);
            case FLAGS -> Eflags.describe(u);
            case MXCSR -> mxcsr(u);
            case INT -> Long.toString(signed(u, v.bits()));
        };
    }

    private static long signed(long u, int bits) {
        return bits == 64 ? u : (u << (64 - bits)) >> (64 - bits);
    }

    private static final String[] MXCSR_FLAGS = {"IE", "DE", "ZE", "OE", "UE", "PE", "DAZ", "IM", "DM", "ZM", "OM", "UM", "PM", "", "", "FZ"};

    /** gdb's i386_mxcsr flags, e.g. {@code [ IM DM ZM OM UM PM ]}. */
    private static String mxcsr(long v) {
        StringBuilder b = new StringBuilder("[ ");
        for (int i = 0; i < MXCSR_FLAGS.length; i++) {
            if (!MXCSR_FLAGS[i].isEmpty() && (v & (1L << i)) != 0) b.append(MXCSR_FLAGS[i]).append(' ');
        }
        if (((v >> 13) & 3) != 0) b.append("R=").append((v >> 13) & 3).append(' ');
        return b.append(']').toString();
    }

    /** gdb's vec128 union in hex ({@code x} format), lane by lane. */
    static String vectorHex(byte[] b) {
        return "{v8_bfloat16 = " + lanes(b, 2) + ", v8_half = " + lanes(b, 2) + ", v4_float = " + lanes(b, 4)
                + ", v2_double = " + lanes(b, 8) + ", v16_int8 = " + lanes(b, 1) + ", v8_int16 = " + lanes(b, 2)
                + ", v4_int32 = " + lanes(b, 4) + ", v2_int64 = " + lanes(b, 8) + ", uint128 = " + uint128(b) + "}";
    }

    private static String lanes(byte[] b, int size) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < 16; i += size) {
            if (i > 0) s.append(", ");
            long v = 0;
            for (int k = size - 1; k >= 0; k--) v = (v << 8) | (b[i + k] & 0xff);
            s.append("0x").append(Long.toHexString(v));
        }
        return s.append('}').toString();
    }

    private static String uint128(byte[] b) {
        java.math.BigInteger v = java.math.BigInteger.ZERO;
        for (int k = 15; k >= 0; k--) v = v.shiftLeft(8).or(java.math.BigInteger.valueOf(b[k] & 0xff));
        return "0x" + v.toString(16);
    }
}
