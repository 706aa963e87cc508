package dev.hindsight.tracer.values.format;

import dev.hindsight.tracer.values.types.Enumerator;
import dev.hindsight.tracer.values.types.Type;

/**
 * Enumerations as gdb prints them: the enumerator's name; for "flag enums" (no two enumerators
 * share a bit) a combination {@code (A | C)} with leftovers as {@code unknown: 0x8}; otherwise the
 * number.
 */
public final class EnumFormat {
    private EnumFormat() {}

    public static String of(Type t, long value) {
        for (Enumerator e : t.enumerators()) if (e.value() == value) return e.name();
        if (!isFlagEnum(t)) return t.isSigned() ? Long.toString(value) : Long.toUnsignedString(value);
        StringBuilder sb = new StringBuilder();
        long rest = value;
        for (Enumerator e : t.enumerators()) {
            if (e.value() != 0 && (rest & e.value()) == e.value()) {
                sb.append(sb.length() == 0 ? "(" : " | ").append(e.name());
                rest &= ~e.value();
            }
        }
        if (rest != 0) {
            sb.append(sb.length() == 0 ? "(unknown: " : " | unknown: ").append("0x").append(Long.toHexString(rest)).append(')');
        } else if (sb.length() == 0) {
            sb.append('0');
        } else {
            sb.append(')');
        }
        return sb.toString();
    }

    /** gdb's rule: all values non-negative and no bit shared by two enumerators. */
    static boolean isFlagEnum(Type t) {
        long mask = 0;
        for (Enumerator e : t.enumerators()) {
            if (e.value() < 0 || (mask & e.value()) != 0) return false;
            mask |= e.value();
        }
        return true;
    }
}
