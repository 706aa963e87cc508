package dev.hindsight.tracer.arch;

import java.util.List;

/**
 * gdb's type of a whole vector register: a union of lane views ({@code vec128}'s
 * {@code v4_float}, {@code v2_int64}…; {@code aarch64v}'s {@code d}, {@code s}… each itself a
 * union of {@code f}, {@code u}, {@code s} lanes; AArch64's q, d, s, h and b pseudo registers as
 * unions of single elements). Described here without the engine's type
 * model; {@code values.expr} builds the C type from it, so {@code $v0.d.u[1]} and
 * {@code $xmm0.v4_int32[2]} are ordinary member and index expressions.
 */
public record VectorUnion(String name, List<Field> fields) {
    /**
     * A member: a nested union ({@code union} non-null), a vector of {@code count} lanes of
     * {@code element}, or with {@code count} 0 a single {@code element}. Elements are named as gdb
     * names them: {@code double}, {@code float}, {@code half}, {@code bfloat16}, {@code int8_t} …
     * {@code uint128_t}.
     */
    public record Field(String name, VectorUnion union, String element, int count) {
        static Field lanes(String name, String element, int count) {
            return new Field(name, null, element, count);
        }

        static Field nested(String name, VectorUnion union) {
            return new Field(name, union, null, 0);
        }
    }

    /** The union's size in bytes (every member spans the register). */
    public int size() {
        Field f = fields.get(0);
        if (f.union() != null) return f.union().size();
        return elementSize(f.element()) * Math.max(1, f.count());
    }

    /** An element's bytes, from its gdb name. */
    public static int elementSize(String element) {
        return switch (element) {
            case "double" -> 8;
            case "float" -> 4;
            case "half", "bfloat16" -> 2;
            default -> Integer.parseInt(element.replaceAll("\\D", "")) / 8; // (u)intN_t
        };
    }
}
