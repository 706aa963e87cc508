package dev.hindsight.tracer.arch;

import java.util.List;

/**
 * A status register gdb types as flags ({@code fpsr_flags}, {@code fpcr_flags} of its aarch64-fpu
 * target description): named fields of one bit, listed when set, and wider fields, always listed
 * as {@code Name=value}, in declaration order: {@code [ IXC ]}, {@code [ Len=0 Stride=0 RMode=1 ]}.
 */
public record FlagsLayout(String name, List<Field> fields) {
    /** Bits {@code start}..{@code end} (inclusive). */
    public record Field(String name, int start, int end) {}

    public String describe(long value) {
        StringBuilder sb = new StringBuilder("[");
        for (Field f : fields) {
            int width = f.end() - f.start() + 1;
            long bits = (value >>> f.start()) & ((1L << width) - 1);
            if (width == 1) {
                if (bits != 0) sb.append(' ').append(f.name());
            } else {
                sb.append(' ').append(f.name()).append('=').append(bits);
            }
        }
        return sb.append(" ]").toString();
    }

    /** The layout of gdb's flags type {@code typeName} among the status registers the architectures know, or null. */
    public static FlagsLayout ofType(String typeName) {
        for (FlagsLayout l : Aarch64.STATUS_FLAGS) if (l.name().equals(typeName)) return l;
        return null;
    }

    static Field bit(String name, int bit) {
        return new Field(name, bit, bit);
    }
}
