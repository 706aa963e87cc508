package dev.hindsight.tracer.values;

import dev.hindsight.tracer.values.cxx.Container;
import dev.hindsight.tracer.values.cxx.StdContainers;
import dev.hindsight.tracer.values.format.ValuePrinter;
import dev.hindsight.tracer.values.types.Member;
import dev.hindsight.tracer.values.types.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a value expands to: struct members (bases named after their type), array elements
 * {@code [i]}, a container's elements, or the pointee {@code *p} of a non-null pointer to data.
 */
final class Children {
    /** How many children, whether they are indexed, and how to read a slice of them. */
    record Shape(int count, boolean indexed, Reader reader) {
        static final Shape NONE = new Shape(0, false, (s, c) -> List.of());
    }

    /** A child: its name, value, and a C expression for it when one can be written (null otherwise). */
    record Child(String name, Value value, String expression) {}

    @FunctionalInterface
    interface Reader {
        List<Child> read(int start, int count);
    }

    private Children() {}

    /** {@code expression}: how the parent is written in C (null when it cannot be), for the children's. */
    static Shape of(String name, String expression, Value v) {
        try {
            return shape(name, expression, v);
        } catch (RuntimeException e) {
            return Shape.NONE; // unreadable memory or damaged debug information: nothing to expand
        }
    }

    /** {@code p->x} for the members of {@code *p}, else {@code s.x}; null for what has no name to write. */
    private static String member(String parent, Member m) {
        if (parent == null || m.name() == null || m.base()) return null;
        if (parent.startsWith("*") && !parent.startsWith("**")) return parent.substring(1) + "->" + m.name();
        return parent + "." + m.name();
    }

    private static Shape shape(String name, String expression, Value v) {
        if (!v.available()) return Shape.NONE;
        Type t = v.type().strip();
        if (t.isReference()) return shape(name, expression, v.dereference());
        Optional<Container> container = StdContainers.of(v);
        if (container.isPresent()) return container(container.get(), expression);
        switch (t.kind()) {
            case STRUCT, CLASS, UNION -> {
                List<Member> members = t.members();
                return new Shape(members.size(), false, (s, c) -> {
                    List<Child> out = new ArrayList<>();
                    for (int i = s; i < Math.min(members.size(), s + c); i++) {
                        Member m = members.get(i);
                        out.add(new Child(m.name() == null ? "<anonymous>" : m.name(), v.member(m), member(expression, m)));
                    }
                    return out;
                });
            }
            case ARRAY -> {
                int count = (int) Math.max(0, Math.min(t.count(), Integer.MAX_VALUE));
                return new Shape(count, true, (s, c) -> {
                    List<Child> out = new ArrayList<>();
                    for (int i = s; i < Math.min(count, s + c); i++) {
                        out.add(new Child("[" + i + "]", v.element(i), expression == null ? null : expression + "[" + i + "]"));
                    }
                    return out;
                });
            }
            case POINTER -> {
                Type target = t.target() == null ? null : t.target().strip();
                if (target == null || target.kind() == Type.Kind.VOID || target.kind() == Type.Kind.FUNCTION
                        || t.target().characterPrefix() != null || v.asLong() == 0) {
                    return Shape.NONE;
                }
                return new Shape(1, false, (s, c) -> s == 0 && c > 0
                        ? List.of(new Child("*" + name, v.dereference(), expression == null ? null : "*" + expression)) : List.of());
            }
            default -> {
                return Shape.NONE;
            }
        }
    }

    private static Shape container(Container c, String expression) {
        if (c.kind() == Container.Kind.STRING) return Shape.NONE;
        ValuePrinter printer = new ValuePrinter(ValueFormat.NATURAL);
        return new Shape(c.size(), true, (s, n) -> {
            List<Child> out = new ArrayList<>();
            for (Container.Element e : c.elements().read(s, n)) {
                String name = e.name() != null ? e.name() : "[" + printer.plain(e.key()) + "]";
                // vector elements index as arrays do; map entries and smart pointers have no C spelling here.
                boolean indexable = c.kind() == Container.Kind.ARRAY && expression != null;
                out.add(new Child(name, e.value(), indexable ? expression + name : null));
            }
            return out;
        });
    }
}
