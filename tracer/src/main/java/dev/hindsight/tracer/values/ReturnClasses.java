package dev.hindsight.tracer.values;

import dev.hindsight.tracer.values.types.Member;
import dev.hindsight.tracer.values.types.Type;
import java.util.Arrays;
import java.util.List;

/**
 * Where the x86-64 System V ABI returns a value of a type (§3.2.3), as gdb's amd64 classification
 * reads it: a scalar by its kind (integers, characters, pointers and enums INTEGER; {@code float}
 * and {@code double} SSE; {@code long double} X87, in st0); an aggregate of at most 16 bytes
 * eightbyte by eightbyte, each classed from every scalar in it, nested structures and arrays
 * flattened (INTEGER wins over SSE; a {@code long double} among other members, or a member off its
 * natural alignment, sends the whole to MEMORY; a lone one is X87); above 16 bytes MEMORY: the caller's buffer,
 * whose address comes back in rax. INTEGER eightbytes come from rax then rdx, SSE ones from the
 * low halves of xmm0 then xmm1.
 */
public final class ReturnClasses {
    /** The class of one eightbyte; NONE for padding alone. */
    public enum Kind { INTEGER, SSE, X87, MEMORY, NONE }

    private ReturnClasses() {}

    /**
     * The classes of the type's eightbytes, in order; {@code [MEMORY]} when it is returned in
     * memory, {@code [X87]} for a {@code long double}, empty for {@code void}.
     */
    public static List<Kind> of(Type type) {
        Type t = type.strip();
        if (t.is(Type.Kind.VOID)) return List.of();
        long size = t.size();
        if (size <= 0) return List.of();
        if (isLongDouble(t)) return List.of(Kind.X87);
        if (size > 16) return List.of(Kind.MEMORY);
        Kind[] classes = new Kind[(int) ((size + 7) / 8)];
        Arrays.fill(classes, Kind.NONE);
        if (!classify(t, 0, classes)) return List.of(Kind.MEMORY);
        boolean aggregate = !t.isScalar();
        // a structure of one long double (X87, X87UP) comes back in st0 as the long double would
        if (Arrays.stream(classes).allMatch(k -> k == Kind.X87)) return List.of(Kind.X87);
        for (Kind k : classes) {
            if (k == Kind.MEMORY || aggregate && k == Kind.X87) return List.of(Kind.MEMORY);
        }
        return List.of(classes);
    }

    /** Classes the scalars of {@code t} at {@code offset} into {@code classes}; false when one is off its alignment. */
    private static boolean classify(Type type, long offset, Kind[] classes) {
        Type t = type.strip();
        switch (t.kind()) {
            case STRUCT, CLASS, UNION -> {
                for (Member m : t.members()) {
                    if (m.isBitfield()) {
                        merge(classes, offset + m.offset(), 1, Kind.INTEGER);
                    } else if (!classify(m.type(), offset + m.offset(), classes)) {
                        return false;
                    }
                }
                return true;
            }
            case ARRAY -> {
                Type element = t.target();
                long step = element.strip().size();
                if (step <= 0) return true;
                for (long i = 0; i < Math.max(0, t.count()); i++) {
                    if (!classify(element, offset + i * step, classes)) return false;
                }
                return true;
            }
            default -> {
                long size = t.size();
                if (size <= 0) return true;
                if (offset % Math.min(size, 16) != 0) return false;
                Kind k = isLongDouble(t) ? Kind.X87 : t.isFloat() ? Kind.SSE : Kind.INTEGER;
                merge(classes, offset, size, k);
                return true;
            }
        }
    }

    private static void merge(Kind[] classes, long offset, long size, Kind k) {
        for (long at = offset / 8; at <= (offset + size - 1) / 8 && at < classes.length; at++) {
            classes[(int) at] = merge(classes[(int) at], k);
        }
    }

    /** The ABI's merge of two classes met in one eightbyte. */
    private static Kind merge(Kind a, Kind b) {
        if (a == b || b == Kind.NONE) return a;
        if (a == Kind.NONE) return b;
        if (a == Kind.MEMORY || b == Kind.MEMORY) return Kind.MEMORY;
        if (a == Kind.INTEGER || b == Kind.INTEGER) return Kind.INTEGER;
        if (a == Kind.X87 || b == Kind.X87) return Kind.MEMORY;
        return Kind.SSE;
    }

    private static boolean isLongDouble(Type t) {
        return t.isFloat() && t.size() > 8;
    }
}
