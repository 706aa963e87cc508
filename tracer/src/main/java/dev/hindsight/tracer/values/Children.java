package dev.hindsight.tracer.values;

import dev.hindsight.tracer.values.cxx.Container;
import dev.hindsight.tracer.values.cxx.StdContainers;
import dev.hindsight.tracer.values.format.ValuePrinter;
import dev.hindsight.tracer.values.scope.NamedValue;
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

    @FunctionalInterface
    interface Reader {
        List<NamedValue> read(int start, int count);
    }

    private Children() {}

    static Shape of(String name, Value v) {
        try {
            return shape(name, v);
        } catch (RuntimeException e) {
            return Shape.NONE; // unreadable memory or damaged debug information: nothing to expand
        }
    }

    private static Shape shape(String name, Value v) {
        if (!v.available()) return Shape.NONE;
        Type t = v.type().strip();
        if (t.isReference()) return shape(name, v.dereference());
        Optional<Container> container = StdContainers.of(v);
        if (container.isPresent()) return container(container.get());
        switch (t.kind()) {
            case STRUCT, CLASS, UNION -> {
                List<Member> members = t.members();
                return new Shape(members.size(), false, (s, c) -> {
                    List<NamedValue> out = new ArrayList<>();
                    for (int i = s; i < Math.min(members.size(), s + c); i++) {
                        Member m = members.get(i);
                        out.add(new NamedValue(m.name() == null ? "<anonymous>" : m.name(), v.member(m)));
                    }
                    return out;
                });
            }
            case ARRAY -> {
                int count = (int) Math.max(0, Math.min(t.count(), Integer.MAX_VALUE));
                return new Shape(count, true, (s, c) -> {
                    List<NamedValue> out = new ArrayList<>();
                    for (int i = s; i < Math.min(count, s + c); i++) out.add(new NamedValue("[" + i + "]", v.element(i)));
                    return out;
                });
            }
            case POINTER -> {
                Type target = t.target() == null ? null : t.target().strip();
                if (target == null || target.kind() == Type.Kind.VOID || target.kind() == Type.Kind.FUNCTION
                        || target.isChar() || v.asLong() == 0) {
                    return Shape.NONE;
                }
                return new Shape(1, false, (s, c) -> s == 0 && c > 0
                        ? List.of(new NamedValue("*" + name, v.dereference())) : List.of());
            }
            default -> {
                return Shape.NONE;
            }
        }
    }

    private static Shape container(Container c) {
        if (c.kind() == Container.Kind.STRING) return Shape.NONE;
        ValuePrinter printer = new ValuePrinter(ValueFormat.NATURAL);
        return new Shape(c.size(), true, (s, n) -> {
            List<NamedValue> out = new ArrayList<>();
            for (Container.Element e : c.elements().read(s, n)) {
                String name = e.name() != null ? e.name() : "[" + printer.plain(e.key()) + "]";
                out.add(new NamedValue(name, e.value()));
            }
            return out;
        });
    }
}
