package dev.hindsight.tracer.values.expr;

import dev.hindsight.tracer.arch.VectorUnion;
import dev.hindsight.tracer.values.types.Member;
import dev.hindsight.tracer.values.types.Type;
import dev.hindsight.tracer.values.types.Type.Encoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The C types of whole vector registers ({@code $xmm0}, {@code $ymm0}, {@code $v0}) from the
 * architecture's {@link VectorUnion}: unions of lane arrays, so members and indices select lanes
 * and the printer prints them as gdb does. Lanes of 8-bit integers are numbers, not characters.
 */
final class VectorTypes {
    private static final Map<VectorUnion, Type> BUILT = new ConcurrentHashMap<>();

    private VectorTypes() {}

    static Type of(VectorUnion union) {
        return BUILT.computeIfAbsent(union, VectorTypes::build);
    }

    private static Type build(VectorUnion union) {
        List<Member> members = new ArrayList<>();
        for (VectorUnion.Field f : union.fields()) {
            Type t = f.union() != null ? build(f.union())
                    : f.count() == 0 ? element(f.element()) : Type.arrayOf(element(f.element()), f.count());
            members.add(new Member(f.name(), t, 0, 0, 0, false, false));
        }
        return Type.union(union.name(), members, union.size());
    }

    private static Type element(String name) {
        int size = VectorUnion.elementSize(name);
        Encoding encoding = switch (name) {
            case "double", "float", "half", "bfloat16" -> Encoding.FLOAT;
            default -> name.startsWith("u") ? Encoding.UNSIGNED : Encoding.SIGNED;
        };
        return Type.base(name, size, encoding);
    }
}
