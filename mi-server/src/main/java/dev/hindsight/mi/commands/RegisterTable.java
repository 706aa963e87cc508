package dev.hindsight.mi.commands;

import dev.hindsight.tracer.regs.Eflags;
import dev.hindsight.tracer.regs.FpRegisters;
import dev.hindsight.tracer.regs.Registers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * gdb's x86-64 Linux register numbering (amd64 with AVX and AVX-512 target descriptions): the
 * numbers front ends pass to {@code -data-list-register-values}. Names the CPU or gdb's
 * description leave out are empty strings, as gdb lists them. Every named register has a value
 * where the CPU has its state: general, segment and base registers and their parts, eflags, the
 * x87 stack and its control registers, xmm/ymm/zmm 0-31 with their upper halves, k0-7 and mxcsr
 * (texts of the wide ones: {@link RegisterText}). Without AVX or AVX-512 those answer
 * {@code <unavailable>}, as gdb's registers outside its target description would.
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

    /**
     * gdb's register names for the target description the CPU's XCR0 gives (amd64, amd64-avx,
     * amd64-avx-avx512): gdb keeps every register's number, leaves the names of the registers the
     * description lacks empty (the ymm upper halves without AVX; xmm16-31, ymm16h-31h, k0-7 and
     * zmm0h-31h without AVX-512) and ends the list with the last pseudo register it has (r15d
     * without AVX, ymm15 without AVX-512). Without a program ({@code fp} null), gdb's default
     * description of an x86-64 executable, amd64. pkru stays unnamed: Hindsight does not read it.
     */
    static List<String> names(FpRegisters fp) {
        boolean avx = fp != null && fp.hasAvx(), avx512 = avx && fp.hasAvx512();
        List<String> n = new ArrayList<>(NAMES);
        if (!avx) blank(n, "ymm0h", "ymm15h");
        if (!avx512) blank(n, "xmm16", "zmm31h");
        int end = avx512 ? n.size() : avx ? n.indexOf("ymm15") + 1 : n.indexOf("r15d") + 1;
        return List.copyOf(n.subList(0, end));
    }

    private static void blank(List<String> names, String first, String last) {
        for (int i = names.indexOf(first); i <= names.indexOf(last); i++) names.set(i, "");
    }

    /** A register's integer value and gdb's type for it; null when Hindsight does not read it. */
    record Raw(long value, int bits, Kind kind) {}

    enum Kind { INT, UINT, DATA_PTR, CODE_PTR, FLAGS, MXCSR }

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
            case "ftag": return fp == null ? null : new Raw(fp.fullTagWord(), 32, Kind.INT);
            case "fiseg": return fp == null ? null : new Raw(fp.fiseg(), 32, Kind.INT);
            case "fioff": return fp == null ? null : new Raw(fp.fioff(), 32, Kind.INT);
            case "foseg": return fp == null ? null : new Raw(fp.foseg(), 32, Kind.INT);
            case "fooff": return fp == null ? null : new Raw(fp.fooff(), 32, Kind.INT);
            case "fop": return fp == null ? null : new Raw(fp.fop(), 32, Kind.INT);
            case "mxcsr": return fp == null ? null : new Raw(fp.mxcsr() & 0xffffffffL, 32, Kind.MXCSR);
            default: break;
        }
        if (fp != null && name.matches("k[0-7]")) {
            java.util.OptionalLong k = fp.k(name.charAt(1) - '0');
            return k.isPresent() ? new Raw(k.getAsLong(), 64, Kind.UINT) : null;
        }
        int base = NAMES.indexOf("al");
        if (number >= base && number < base + 16) return new Raw(r.get(GPR[number - base]) & 0xff, 8, Kind.INT);
        if (number >= base + 16 && number < base + 20) return new Raw((r.get(GPR[number - base - 16]) >> 8) & 0xff, 8, Kind.INT);
        if (number >= base + 20 && number < base + 36 && !name.isEmpty()) return new Raw(r.get(GPR[number - base - 20]) & 0xffff, 16, Kind.INT);
        if (number >= base + 36 && number < base + 52) return new Raw(r.get(GPR[number - base - 36]) & 0xffffffffL, 32, Kind.INT);
        return null;
    }

    private static final Pattern VECTOR = Pattern.compile("(st|xmm|ymm|zmm)(\\d+)(h?)");

    /** A register's text in format {@code fmt} ({@code xotdrN}); null when Hindsight cannot read it here. */
    static String text(int number, Registers r, FpRegisters fp, char fmt) {
        Raw raw = read(number, r, fp);
        if (raw != null) return format(raw, fmt);
        Matcher m = VECTOR.matcher(number >= 0 && number < NAMES.size() ? NAMES.get(number) : "");
        if (fp == null || !m.matches()) return null;
        int n = Integer.parseInt(m.group(2));
        boolean high = !m.group(3).isEmpty();
        return switch (m.group(1)) {
            case "st" -> RegisterText.x87(fp.st(n), fmt);
            case "xmm" -> fp.vector(n, 16).map(b -> RegisterText.union(b, fmt)).orElse(null);
            case "ymm" -> fp.vector(n, 32).map(b -> high ? RegisterText.lane(b, 16, 16, RegisterText.Lane.UINT, fmt)
                    : RegisterText.union(b, fmt)).orElse(null);
            default -> fp.vector(n, 64).map(b -> high ? RegisterText.array(Arrays.copyOfRange(b, 32, 64), 16, RegisterText.Lane.UINT, fmt)
                    : RegisterText.union(b, fmt)).orElse(null);
        };
    }

    /** A value in gdb's register formats: x hex, o octal, t binary, d signed decimal, r raw, N natural. */
    static String format(Raw v, char fmt) {
        long mask = v.bits() == 64 ? -1L : (1L << v.bits()) - 1;
        long u = v.value() & mask;
        switch (fmt) {
            case 'x': return "0x" + Long.toHexString(u);
            case 'r': return String.format("0x%0" + v.bits() / 4 + "x", u);
            case 'o': return u == 0 ? "0" : "0" + Long.toOctalString(u);
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
            case UINT -> Long.toUnsignedString(u);
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
}
