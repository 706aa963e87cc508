package dev.hindsight.mi.commands;

import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.values.ValueFormat;
import dev.hindsight.tracer.values.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A vector register as gdb's expressions and variable objects see it: {@code $xmm0} is a union
 * ({@code union vec128}; {@code union builtin_type_vec256i} for ymm, {@code …vec512i} for zmm) of
 * lane arrays ({@code v4_float}, gdb's types {@code v4f} for xmm and {@code float
 * __attribute__ ((vector_size(8)))} for the wider ones, which gdb spells with the lane count),
 * whose elements are the lanes; xmm's last member is the scalar {@code uint128}. Read from the
 * register bytes at the time of {@link #of}; the expression it answers is gdb's spelling
 * ({@code $xmm0.v4_float[1]}), which {@link RegisterConsole#assign} writes.
 */
public final class VectorRegisterVariable implements Variable {
    private static final Pattern PATH = Pattern.compile("\\$(xmm|ymm|zmm)(\\d+)(?:\\.(\\w+)(?:\\[(\\d+)])?)?");

    /** A union member: its name's stem, lane size, natural reading, and gdb's xmm type names (array, lane). */
    private record Member(String stem, int size, RegisterText.Lane lane, String xmmType, String xmmLaneType, String wideLaneType) {}

    private static final List<Member> MEMBERS = List.of(
            new Member("bfloat16", 2, RegisterText.Lane.BFLOAT16, "bf16", "builtin_type_bfloat16", "bfloat16"),
            new Member("half", 2, RegisterText.Lane.HALF, "h", "builtin_type_ieee_half", "half"),
            new Member("float", 4, RegisterText.Lane.FLOAT, "f", "builtin_type_ieee_single", "float"),
            new Member("double", 8, RegisterText.Lane.DOUBLE, "d", "builtin_type_ieee_double", "double"),
            new Member("int8", 1, RegisterText.Lane.INT, "i8", "int8_t", "int8_t"),
            new Member("int16", 2, RegisterText.Lane.INT, "i16", "int16_t", "int16_t"),
            new Member("int32", 4, RegisterText.Lane.INT, "i32", "int32_t", "int32_t"),
            new Member("int64", 8, RegisterText.Lane.INT, "i64", "int64_t", "int64_t"),
            new Member("int128", 16, RegisterText.Lane.INT, null, null, "int128_t"));

    private final String register;
    private final byte[] bytes;
    /** Null for the whole union. */
    private final Member member;
    /** The lane's index; -1 for the union or a whole member. */
    private final int index;

    private VectorRegisterVariable(String register, byte[] bytes, Member member, int index) {
        this.register = register;
        this.bytes = bytes;
        this.member = member;
        this.index = index;
    }

    /** The vector register, member or lane {@code expression} names, as it is now; empty for any other expression. */
    public static Optional<Variable> of(Target t, String expression) {
        Matcher m = PATH.matcher(expression.strip());
        if (!m.matches()) return Optional.empty();
        int width = switch (m.group(1)) {
            case "xmm" -> 16;
            case "ymm" -> 32;
            default -> 64;
        };
        int n = Integer.parseInt(m.group(2));
        if (n > 31) return Optional.empty();
        Optional<byte[]> bytes = t.registers().fp(t.currentThread()).vector(n, width);
        if (bytes.isEmpty()) return Optional.empty();
        String register = "$" + m.group(1) + n;
        if (m.group(3) == null) return Optional.of(new VectorRegisterVariable(register, bytes.get(), null, -1));
        Member member = null;
        for (Member c : MEMBERS) if (memberName(c, width).equals(m.group(3))) member = c;
        if (member == null) return Optional.empty();
        if (m.group(4) == null) return Optional.of(new VectorRegisterVariable(register, bytes.get(), member, -1));
        int index = Integer.parseInt(m.group(4));
        if (isScalar(member, width) || index >= width / member.size()) return Optional.empty();
        return Optional.of(new VectorRegisterVariable(register, bytes.get(), member, index));
    }

    /** xmm's 16-byte member is the scalar {@code uint128}; the wider registers' are arrays {@code vN_int128}. */
    private static String memberName(Member m, int width) {
        return isScalar(m, width) ? "uint128" : "v" + width / m.size() + "_" + m.stem();
    }

    private static boolean isScalar(Member m, int width) {
        return m.size() == 16 && width == 16;
    }

    private int lanes() {
        return bytes.length / member.size();
    }

    /** An array of lanes, which a variable object shows as {@code [N]}. */
    public boolean isArray() {
        return member != null && index < 0 && !isScalar(member, bytes.length);
    }

    @Override
    public String name() {
        if (member == null) return register;
        return index >= 0 ? "[" + index + "]" : memberName(member, bytes.length);
    }

    @Override
    public String type() {
        int width = bytes.length;
        if (member == null) return width == 16 ? "union vec128" : width == 32 ? "union builtin_type_vec256i" : "union builtin_type_vec512i";
        if (isScalar(member, width)) return "uint128_t";
        if (index >= 0) return width == 16 ? member.xmmLaneType() : member.wideLaneType();
        return width == 16 ? "v" + lanes() + member.xmmType() : member.wideLaneType() + " __attribute__ ((vector_size(" + lanes() + ")))";
    }

    @Override
    public String value(ValueFormat format) {
        char fmt = format == ValueFormat.HEX ? 'x' : 'N';
        if (member == null) return RegisterText.union(bytes, fmt);
        if (isScalar(member, bytes.length)) return RegisterText.lane(bytes, 0, 16, RegisterText.Lane.UINT, fmt);
        if (index < 0) return RegisterText.array(bytes, member.size(), member.lane(), fmt);
        return RegisterText.lane(bytes, index * member.size(), member.size(), member.lane(), fmt);
    }

    @Override public OptionalLong address() { return OptionalLong.empty(); }

    @Override public boolean hasChildren() { return member == null || isArray(); }

    @Override public int childCount() { return member == null ? MEMBERS.size() : isArray() ? lanes() : 0; }

    @Override public boolean indexedChildren() { return isArray(); }

    @Override
    public List<Variable> children(int start, int count) {
        List<Variable> out = new ArrayList<>();
        for (int i = Math.max(0, start); i < Math.min(childCount(), start + count); i++) {
            out.add(member == null ? new VectorRegisterVariable(register, bytes, MEMBERS.get(i), -1)
                    : new VectorRegisterVariable(register, bytes, member, i));
        }
        return out;
    }

    /** Lanes and xmm's {@code uint128} can be written, as in gdb; the union and whole arrays cannot. */
    @Override public boolean isWritable() { return !hasChildren(); }

    @Override
    public Optional<String> expression() {
        if (member == null) return Optional.of(register);
        String m = register + "." + memberName(member, bytes.length);
        return Optional.of(index >= 0 ? m + "[" + index + "]" : m);
    }
}
