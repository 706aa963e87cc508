package dev.hindsight.tracer.values;

import dev.hindsight.tracer.values.types.Member;
import dev.hindsight.tracer.values.types.Type;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Where AAPCS64 returns a value (§6.9, "Result return"), read back as gdb's
 * {@code aarch64_return_value} does: a floating-point scalar in v0 (its low 4, 8 or 16 bytes); a
 * homogeneous floating-point aggregate (a structure or array of one to four members of one
 * floating-point type, nested ones flattened) one member per register from v0 to v3; any other
 * value of at most 16 bytes in x0 then x1; a larger one in memory at the address the caller
 * passed in x8 (read from x8 as the callee left it, as gdb does: the ABI does not make the callee
 * keep it, and compilers leave it there).
 *
 * @param x0 x1 x8 the general registers at the return
 * @param v  v0-v3, 16 bytes each
 */
public record Aapcs64Returns(long x0, long x1, long x8, byte[][] v) implements ReturnConvention {
    @Override
    public Optional<byte[]> gather(Type type, BiFunction<Long, Integer, byte[]> memory) {
        Type t = type.strip();
        int size = (int) t.size();
        if (t.is(Type.Kind.VOID) || size <= 0) return Optional.empty();
        if (t.isFloat()) return Optional.of(Arrays.copyOf(v[0], size));
        List<Type> hfa = homogeneousMembers(t);
        if (hfa != null) {
            int each = (int) hfa.get(0).strip().size();
            byte[] out = new byte[size];
            for (int i = 0; i < hfa.size(); i++) System.arraycopy(v[i], 0, out, i * each, each);
            return Optional.of(out);
        }
        if (size > 16) {
            byte[] b = memory.apply(x8, size);
            return b.length == size ? Optional.of(b) : Optional.empty();
        }
        byte[] pair = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(x0).putLong(x1).array();
        return Optional.of(Arrays.copyOf(pair, size));
    }

    /**
     * The floating-point members of {@code t} in order when it is a homogeneous floating-point
     * aggregate (1-4 members of one floating-point type, filling it without padding), else null.
     */
    static List<Type> homogeneousMembers(Type t) {
        if (!t.isAggregate() && !t.is(Type.Kind.ARRAY) || t.is(Type.Kind.UNION)) return null;
        List<Type> leaves = new ArrayList<>();
        if (!flatten(t, leaves) || leaves.isEmpty() || leaves.size() > 4) return null;
        Type first = leaves.get(0).strip();
        for (Type leaf : leaves) {
            Type s = leaf.strip();
            if (!s.isFloat() || s.size() != first.size()) return null;
        }
        return leaves.size() * first.size() == t.strip().size() ? leaves : null;
    }

    /** The scalar leaves of {@code t} (members, base classes and array elements); false for a bitfield or a union inside. */
    private static boolean flatten(Type type, List<Type> leaves) {
        Type t = type.strip();
        switch (t.kind()) {
            case STRUCT, CLASS -> {
                for (Member m : t.members()) {
                    if (m.isStatic()) continue;
                    if (m.isBitfield() || !flatten(m.type(), leaves)) return false;
                }
                return true;
            }
            case ARRAY -> {
                for (long i = 0; i < Math.max(0, t.count()); i++) {
                    if (!flatten(t.target(), leaves) || leaves.size() > 4) return false;
                }
                return true;
            }
            case UNION -> {
                return false;
            }
            default -> {
                leaves.add(t);
                return true;
            }
        }
    }
}
