package dev.hindsight.mi.commands;

import dev.hindsight.mi.commands.RegisterTable.Kind;
import dev.hindsight.mi.commands.RegisterTable.Raw;
import dev.hindsight.mi.commands.RegisterText.Lane;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * gdb's text of an AArch64 register in the register formats ({@code x o t d r N}): x0-x30 as
 * {@code long}, w0-w30 as {@code uint32_t}, sp and tpidr as data and pc as code pointers, cpsr,
 * fpsr and fpcr as gdb's flag types ({@code [ EL=0 BTYPE=0 SSBS C Z ]}: one-bit fields named when
 * set, wider ones always with their value, in the type's field order), and the FP/SIMD views as
 * gdb's unions: q {@code {u, s}}, d and s {@code {f, u, s}}, h {@code {bf, f, u, s}}, b
 * {@code {u, s}}, v the {@code aarch64v} union of arrays of all of those.
 */
final class Aarch64RegisterText {
    private static final Pattern VIEW = Pattern.compile("([vqdshb])([12]?\\d|3[01])");

    /** A field of a flags type: a bit (width 1) or a bit range. */
    private record Field(String name, int bit, int width) {}

    private static final List<Field> CPSR = List.of(f("SP", 0), f("EL", 2, 2), f("nRW", 4), f("F", 6), f("I", 7), f("A", 8),
            f("D", 9), f("BTYPE", 10, 2), f("SSBS", 12), f("IL", 20), f("SS", 21), f("PAN", 22), f("UAO", 23), f("DIT", 24),
            f("TCO", 25), f("V", 28), f("C", 29), f("Z", 30), f("N", 31));
    private static final List<Field> FPSR = List.of(f("IOC", 0), f("DZC", 1), f("OFC", 2), f("UFC", 3), f("IXC", 4), f("IDC", 7),
            f("QC", 27), f("V", 28), f("C", 29), f("Z", 30), f("N", 31));
    private static final List<Field> FPCR = List.of(f("FIZ", 0), f("AH", 1), f("NEP", 2), f("IOE", 8), f("DZE", 9), f("OFE", 10),
            f("UFE", 11), f("IXE", 12), f("EBF", 13), f("IDE", 15), f("Len", 16, 3), f("FZ16", 19), f("Stride", 20, 2),
            f("RMode", 22, 2), f("FZ", 24), f("DN", 25), f("AHP", 26));

    private Aarch64RegisterText() {}

    private static Field f(String name, int bit) {
        return new Field(name, bit, 1);
    }

    private static Field f(String name, int bit, int width) {
        return new Field(name, bit, width);
    }

    /** Whether Hindsight reads the register gdb names so (not the SVE state, tpidr2, the pauth masks, tag_ctl). */
    static boolean isRead(String name) {
        return name.matches("[xw]\\d+|sp|pc|cpsr|fpsr|fpcr|tpidr") || VIEW.matcher(name).matches();
    }

    /** The register's text, or null where Hindsight has no value for it here. */
    static String text(String name, Aarch64RegisterTable.State s, char fmt) {
        Matcher view = VIEW.matcher(name);
        if (view.matches()) {
            if (s.fpsimd() == null) return null;
            return vector(view.group(1).charAt(0), s.fpsimd().v(Integer.parseInt(view.group(2))), fmt);
        }
        if (name.matches("x\\d+")) return RegisterTable.format(new Raw(s.general().get(name), 64, Kind.INT), fmt);
        if (name.matches("w\\d+")) return RegisterTable.format(new Raw(s.general().get("x" + name.substring(1)), 32, Kind.UINT), fmt);
        switch (name) {
            case "sp": return RegisterTable.format(new Raw(s.general().get("sp"), 64, Kind.DATA_PTR), fmt);
            case "pc": return RegisterTable.format(new Raw(s.general().get("pc"), 64, Kind.CODE_PTR), fmt);
            case "tpidr": return s.tpidr() == null ? null : RegisterTable.format(new Raw(s.tpidr(), 64, Kind.DATA_PTR), fmt);
            case "cpsr": return flags(s.general().get("cpsr"), CPSR, fmt);
            case "fpsr": return s.fpsimd() == null ? null : flags(s.fpsimd().fpsr(), FPSR, fmt);
            case "fpcr": return s.fpsimd() == null ? null : flags(s.fpsimd().fpcr(), FPCR, fmt);
            default: return null;
        }
    }

    private static String flags(long value, List<Field> fields, char fmt) {
        long v = value & 0xffffffffL;
        if (fmt != 'N') return RegisterTable.format(new Raw(v, 32, Kind.UINT), fmt);
        StringBuilder b = new StringBuilder("[");
        for (Field f : fields) {
            long field = (v >>> f.bit()) & ((1L << f.width()) - 1);
            if (f.width() == 1) {
                if (field != 0) b.append(' ').append(f.name());
            } else {
                b.append(' ').append(f.name()).append('=').append(field);
            }
        }
        return b.append(" ]").toString();
    }

    /** A view of v{n}'s 16 bytes: the whole union (v), or the low 16, 8, 4, 2 or 1 bytes' (q, d, s, h, b). */
    private static String vector(char view, byte[] v, char fmt) {
        return switch (view) {
            case 'v' -> "{d = " + arrays(v, 8, fmt) + ", s = " + arrays(v, 4, fmt) + ", h = " + arrays(v, 2, fmt)
                    + ", b = " + arrays(v, 1, fmt) + ", q = " + arrays(v, 16, fmt) + "}";
            case 'q' -> scalars(Arrays.copyOf(v, 16), fmt);
            case 'd' -> scalars(Arrays.copyOf(v, 8), fmt);
            case 's' -> scalars(Arrays.copyOf(v, 4), fmt);
            case 'h' -> scalars(Arrays.copyOf(v, 2), fmt);
            default -> scalars(Arrays.copyOf(v, 1), fmt);
        };
    }

    /** The members of a lane of {@code size} bytes, in gdb's order: f (and h's bf before it) where it is a float size, u, s. */
    private static List<String> members(int size) {
        return switch (size) {
            case 2 -> List.of("bf", "f", "u", "s");
            case 4, 8 -> List.of("f", "u", "s");
            default -> List.of("u", "s");
        };
    }

    private static Lane lane(String member, int size) {
        return switch (member) {
            case "bf" -> Lane.BFLOAT16;
            case "f" -> size == 2 ? Lane.HALF : size == 4 ? Lane.FLOAT : Lane.DOUBLE;
            case "u" -> Lane.UINT;
            default -> Lane.INT;
        };
    }

    /** gdb's vnq/vnd/vns/vnh/vnb union of one lane ({@code {f = 2.5, u = …, s = …}}). */
    private static String scalars(byte[] b, char fmt) {
        StringBuilder s = new StringBuilder("{");
        for (String m : members(b.length)) {
            if (s.length() > 1) s.append(", ");
            s.append(m).append(" = ").append(RegisterText.lane(b, 0, b.length, lane(m, b.length), fmt));
        }
        return s.append('}').toString();
    }

    /** The same union's members as arrays over all 16 bytes ({@code {f = {…, …}, u = {…}, s = {…}}}). */
    private static String arrays(byte[] v, int size, char fmt) {
        StringBuilder s = new StringBuilder("{");
        for (String m : members(size)) {
            if (s.length() > 1) s.append(", ");
            s.append(m).append(" = ").append(RegisterText.array(v, size, lane(m, size), fmt));
        }
        return s.append('}').toString();
    }
}
