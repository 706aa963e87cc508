package dev.hindsight.mi.commands;

import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.regs.FpRegisters;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.values.format.LongDouble;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's view of the registers beyond the general ones, as gdb's: {@code info registers}
 * lines (name, then the hex and natural values; x87 registers as their value and
 * {@code (raw 0x…)}; vectors as their union in hex), the register lists of {@code info registers}
 * and {@code info all-registers}, {@code print $ymm0}/{@code $k1}/{@code $st0}, and assignments
 * to them ({@code set var $k1 = 5}, {@code $zmm16.v16_int32[3] = 7}, {@code $st0 = 2.5}).
 */
public final class RegisterConsole {
    private static final Pattern LANE_ASSIGNMENT = Pattern.compile("\\$((?:xmm|ymm|zmm)\\d+)\\.(v(\\d+)_(int8|int16|int32|int64|int128|float|double)|uint128)(?:\\[(\\d+)])?\\s*=\\s*(.+)");
    private static final Pattern ASSIGNMENT = Pattern.compile("\\$(k[0-7]|st[0-7])\\s*=\\s*(.+)");

    private RegisterConsole() {}

    /** {@code info registers} without arguments: the general group, with k0-k7 where the CPU has AVX-512. */
    public static List<String> generalNames(FpRegisters fp) {
        List<String> names = new ArrayList<>(List.of(RegisterTable.GPR));
        names.addAll(List.of("rip", "eflags", "cs", "ss", "ds", "es", "fs", "gs"));
        if (fp != null && fp.hasAvx512()) for (int i = 0; i < 8; i++) names.add("k" + i);
        return names;
    }

    /** {@code info all-registers}: gdb lists the widest form of the vector registers the CPU has. */
    public static List<String> allNames(FpRegisters fp) {
        List<String> names = new ArrayList<>(List.of(RegisterTable.GPR));
        names.addAll(List.of("rip", "eflags", "cs", "ss", "ds", "es", "fs", "gs"));
        for (int i = 0; i < 8; i++) names.add("st" + i);
        names.addAll(List.of("fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff", "fop"));
        if (fp == null || !fp.hasAvx()) {
            for (int i = 0; i < 16; i++) names.add("xmm" + i);
            names.add("mxcsr");
        } else if (!fp.hasAvx512()) {
            names.add("mxcsr");
            for (int i = 0; i < 16; i++) names.add("ymm" + i);
        } else {
            names.add("mxcsr");
            for (int i = 0; i < 8; i++) names.add("k" + i);
            for (int i = 0; i < 32; i++) names.add("zmm" + i);
        }
        return names;
    }

    /**
     * gdb's register groups by name ({@code info registers float}): the names it lists for them,
     * the vector registers in the forms the CPU has; empty for a name that is not a group.
     */
    public static Optional<List<String>> group(String name, FpRegisters fp) {
        List<String> names = new ArrayList<>();
        switch (name) {
            case "general" -> names.addAll(generalNames(fp));
            case "all" -> names.addAll(allNames(fp));
            case "float" -> {
                for (int i = 0; i < 8; i++) names.add("st" + i);
                names.addAll(List.of("fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff", "fop"));
            }
            case "sse" -> {
                for (int i = 0; i < 16; i++) names.add("xmm" + i);
                names.add("mxcsr");
                if (fp != null && fp.hasAvx512()) for (int i = 16; i < 32; i++) names.add("xmm" + i);
            }
            case "vector" -> {
                // the widest form only, as in all-registers (without the mask registers)
                List<String> all = allNames(fp);
                names.addAll(all.subList(all.indexOf("fop") + 1, all.size()).stream().filter(n -> !n.matches("k[0-7]")).toList());
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(names);
    }

    /**
     * AArch64's {@code info registers [NAME|GROUP…]} and {@code info all-registers}: gdb's lines
     * ({@link #line}'s columns, the unions in hex then natural) for the selected frame. Without
     * names, the general group: the raw registers outside the vector ones (x0-x30, sp, pc, cpsr,
     * fpsr, fpcr, tpidr); groups {@code general}, {@code float} (d, s), {@code vector} (the vector
     * views) and {@code all} (every register in gdb's numbering order).
     */
    public static String aarch64Lines(dev.hindsight.mi.session.MiSession s, String names, boolean all) {
        Target t = s.stoppedTarget();
        List<String> table = Aarch64RegisterTable.names(Aarch64Features.host());
        List<String> named = table.stream().filter(n -> !n.isEmpty()).toList();
        List<String> which = new ArrayList<>();
        if (names.isBlank()) {
            which.addAll(all ? named : aarch64Group("general", named));
        } else {
            for (String n : names.strip().split("\\s+")) {
                String name = n.startsWith("$") ? n.substring(1) : n;
                List<String> group = aarch64Group(name, named);
                if (group != null) which.addAll(group);
                else if (named.contains(name)) which.add(name);
                else throw new dev.hindsight.mi.protocol.MiException("Invalid register `" + name + "'");
            }
        }
        Aarch64RegisterTable.State state = Aarch64RegisterTable.State.of(t, RegisterCommands.registersOfSelectedFrame(s, t));
        StringBuilder out = new StringBuilder();
        for (String n : which) {
            String hex = RegisterCommands.aarch64Value(t, n, state, 'x');
            if (hex == null) out.append(pad(n, 15)).append("<unavailable>\n");
            else out.append(pad(n, 15)).append(pad(hex, 20)).append(RegisterCommands.aarch64Value(t, n, state, 'N')).append('\n');
        }
        return out.toString();
    }

    /** gdb's aarch64 register group by name, in numbering order; null for a name that is no group. */
    private static List<String> aarch64Group(String group, List<String> named) {
        return switch (group) {
            case "all" -> named;
            case "general" -> named.stream().filter(n -> !n.matches("[vqdshbw]\\d+")).toList();
            case "float" -> named.stream().filter(n -> n.matches("[ds]\\d+")).toList();
            case "vector" -> named.stream().filter(n -> n.matches("[vqdshb]\\d+")).toList();
            case "system", "save", "restore" -> List.of();
            default -> null;
        };
    }

    /** gdb's number of a register name, or -1. */
    public static int number(String name) {
        return name.isEmpty() ? -1 : RegisterTable.NAMES.indexOf(name);
    }

    /** One {@code info registers} line for a register by number (name padded to 15, raw value to 19 more). */
    public static String line(int number, Registers r, FpRegisters fp) {
        String name = RegisterTable.NAMES.get(number);
        String hex = RegisterTable.text(number, r, fp, 'x');
        if (hex == null) return pad(name, 15) + "<unavailable>\n";
        if (name.matches("st[0-7]")) {
            return pad(name, 15) + pad(RegisterTable.text(number, r, fp, 'N'), 20) + "(raw " + RegisterTable.text(number, r, fp, 'r') + ")\n";
        }
        if (hex.startsWith("{")) return pad(name, 15) + hex + "\n";
        return pad(name, 15) + pad(hex, 20) + RegisterTable.text(number, r, fp, 'N') + "\n";
    }

    /** {@code $name} of a register the expression evaluator does not know (x87, vectors, masks), in format x or N. */
    public static Optional<String> print(Target t, String expression, boolean hex) {
        String e = expression.strip();
        if (!e.startsWith("$")) return Optional.empty();
        if (RegisterCommands.AARCH64) {
            // the FP/SIMD views are gdb's unions ({f = 2.5, u = …, s = …}), which the evaluator's scalars are not
            if (!e.substring(1).matches("[vqdshb]([12]?\\d|3[01])")) return Optional.empty();
            Aarch64RegisterTable.State state = Aarch64RegisterTable.State.of(t, t.registers().of(t.currentThread()));
            return Optional.ofNullable(Aarch64RegisterText.text(e.substring(1), state, hex ? 'x' : 'N'));
        }
        int n = number(e.substring(1));
        if (n < 0 && e.contains(".")) {
            // a member or lane of a vector register, as gdb's union shows it
            return VectorRegisterVariable.of(t, e).map(v -> v.value(hex ? dev.hindsight.tracer.values.ValueFormat.HEX
                    : dev.hindsight.tracer.values.ValueFormat.NATURAL));
        }
        if (n < 0 || !isWide(e.substring(1))) return Optional.empty();
        int tid = t.currentThread();
        String text = RegisterTable.text(n, t.registers().of(tid), t.registers().fp(tid), hex ? 'x' : 'N');
        return Optional.of(text == null ? "<unavailable>" : text);
    }

    private static boolean isWide(String name) {
        return name.matches("st[0-7]|f(ctrl|stat|tag|iseg|ioff|oseg|ooff|op)|mxcsr|k[0-7]|(xmm|ymm|zmm)\\d+h?");
    }

    /**
     * Writes {@code $kN = V}, {@code $stN = V} or one lane ({@code $ymm0.v8_int32[2] = V}, a float
     * lane from a decimal number) to the thread; false when {@code text} is no such assignment.
     */
    public static boolean assign(Target t, String text) {
        String e = text.strip();
        int tid = t.currentThread();
        Matcher a = ASSIGNMENT.matcher(e);
        if (a.matches()) {
            FpRegisters fp = t.registers().fp(tid);
            String name = a.group(1);
            int n = name.charAt(name.length() - 1) - '0';
            if (name.startsWith("k")) {
                if (!fp.hasAvx512()) throw new IllegalStateException("Invalid register `" + name + "'");
                t.registers().setFp(tid, fp.withK(n, integer(a.group(2)).longValue()));
            } else {
                t.registers().setFp(tid, withSt(fp, n, LongDouble.encode(Double.parseDouble(a.group(2).strip()))));
            }
            return true;
        }
        Matcher m = LANE_ASSIGNMENT.matcher(e);
        if (!m.matches()) return false;
        int width = m.group(1).startsWith("xmm") ? 16 : m.group(1).startsWith("ymm") ? 32 : 64;
        int n = Integer.parseInt(m.group(1).substring(3));
        FpRegisters fp = t.registers().fp(tid);
        byte[] bytes = fp.vector(n, width).orElseThrow(() -> new IllegalStateException("Invalid register `" + m.group(1) + "'"));
        String kind = m.group(4) == null ? "int128" : m.group(4);
        int size = switch (kind) {
            case "int8" -> 1;
            case "int16" -> 2;
            case "int32", "float" -> 4;
            case "int64", "double" -> 8;
            default -> 16;
        };
        int lanes = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        if (lanes * size != width || m.group(5) == null && lanes != 1) throw new IllegalStateException("Hindsight writes one lane of " + m.group(1));
        int index = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        if (index >= lanes) throw new IllegalStateException("no such vector element");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        String value = m.group(6).strip();
        switch (kind) {
            case "float" -> b.putFloat(index * 4, Float.parseFloat(value));
            case "double" -> b.putDouble(index * 8, Double.parseDouble(value));
            default -> {
                byte[] be = integer(value).toByteArray();
                for (int i = 0; i < size; i++) {
                    int from = be.length - 1 - i;
                    bytes[index * size + i] = from >= 0 ? be[from] : (byte) (be[0] < 0 ? -1 : 0);
                }
            }
        }
        t.registers().setFp(tid, fp.withVector(n, bytes));
        return true;
    }

    /**
     * {@code print}/{@code -data-evaluate-expression} of such an assignment: written as by
     * {@link #assign}, answered with the value now in the register or lane (gdb's answer); empty
     * when {@code text} is no such assignment.
     */
    public static Optional<String> assignAndShow(Target t, String text, boolean hex) {
        if (!assign(t, text)) return Optional.empty();
        String e = text.strip();
        Matcher lane = LANE_ASSIGNMENT.matcher(e);
        if (!lane.matches()) return print(t, e.substring(0, e.indexOf('=')).strip(), hex);
        int n = Integer.parseInt(lane.group(1).substring(3));
        int width = lane.group(1).startsWith("xmm") ? 16 : lane.group(1).startsWith("ymm") ? 32 : 64;
        String kind = lane.group(4) == null ? "int128" : lane.group(4);
        int size = width / (lane.group(3) == null ? 1 : Integer.parseInt(lane.group(3)));
        int index = lane.group(5) == null ? 0 : Integer.parseInt(lane.group(5));
        byte[] bytes = t.registers().fp(t.currentThread()).vector(n, width).orElseThrow();
        RegisterText.Lane l = kind.equals("float") ? RegisterText.Lane.FLOAT : kind.equals("double") ? RegisterText.Lane.DOUBLE
                : lane.group(4) == null ? RegisterText.Lane.UINT : RegisterText.Lane.INT;
        return Optional.of(RegisterText.lane(bytes, index * size, size, l, hex ? 'x' : 'N'));
    }

    private static FpRegisters withSt(FpRegisters fp, int n, byte[] ten) {
        byte[] fx = fp.fxsaveImage();
        System.arraycopy(ten, 0, fx, 32 + 16 * n, 10);
        FpRegisters out = new FpRegisters(fx, fp.ymmHighImage().orElse(null), fp.avx512().orElse(null));
        return out;
    }

    private static BigInteger integer(String text) {
        String v = text.strip();
        boolean negative = v.startsWith("-");
        if (negative) v = v.substring(1).strip();
        BigInteger i = v.startsWith("0x") || v.startsWith("0X") ? new BigInteger(v.substring(2), 16) : new BigDecimal(v).toBigIntegerExact();
        return negative ? i.negate() : i;
    }

    private static String pad(String s, int width) {
        StringBuilder b = new StringBuilder(s);
        do b.append(' '); while (b.length() < width);
        return b.toString();
    }
}
