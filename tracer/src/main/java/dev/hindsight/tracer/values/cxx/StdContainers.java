package dev.hindsight.tracer.values.cxx;

import dev.hindsight.tracer.values.EvaluationException;
import dev.hindsight.tracer.values.Place;
import dev.hindsight.tracer.values.Value;
import dev.hindsight.tracer.values.ValueContext;
import dev.hindsight.tracer.values.format.CharFormat;
import dev.hindsight.tracer.values.types.Type;
import dev.hindsight.tracer.values.types.TypeNames;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * libstdc++'s {@code std::string}, {@code std::vector} and {@code std::map} read by their ABI
 * layout (stable since gcc 5), so they show even when clang emitted only declarations:
 * string = {_M_p, _M_string_length}; vector = {_M_start, _M_finish, _M_end_of_storage};
 * map = red-black tree with the header node at +8, _M_node_count at +40 and each value right
 * after the 32-byte node base.
 */
public final class StdContainers {
    private static final int MAX_NODES = 1 << 20;

    private StdContainers() {}

    static boolean isString(Type t) {
        String n = t.strip().name();
        return n != null && (n.startsWith("std::__cxx11::basic_string<char,") || n.equals("std::string"));
    }

    private static boolean isTemplate(Type t, String name) {
        String n = t.strip().name();
        return n != null && n.startsWith(name + "<");
    }

    /** What a {@code std::unique_ptr} or {@code std::shared_ptr} points at (their {@code operator*}). */
    public static Optional<Value> pointee(Value v) {
        Optional<Container> c = of(v);
        if (c.isEmpty() || c.get().kind() != Container.Kind.NAMED || c.get().size() != 1) return Optional.empty();
        Container.Element get = c.get().elements().read(0, 1).get(0);
        return "get()".equals(get.name()) ? Optional.of(get.value().dereference()) : Optional.empty();
    }

    /** The container view of a value, when its type is one of the known library types. */
    public static Optional<Container> of(Value v) {
        Type t = v.type().strip();
        if (t.kind() != Type.Kind.STRUCT && t.kind() != Type.Kind.CLASS) return Optional.empty();
        if (!t.cplus() || !v.available()) return Optional.empty();
        if (isString(t)) return Optional.of(string(v));
        if (isTemplate(t, "std::vector") && !t.templateArguments().isEmpty()
                && !t.templateArguments().get(0).strip().name().equals("bool")) {
            return Optional.of(vector(v, t.templateArguments().get(0)));
        }
        if (isTemplate(t, "std::map") && t.templateArguments().size() >= 2) {
            return Optional.of(map(v, t.templateArguments().get(0), t.templateArguments().get(1)));
        }
        if (isTemplate(t, "std::set") && !t.templateArguments().isEmpty()) return Optional.of(set(v, t.templateArguments().get(0)));
        if ((isTemplate(t, "std::__cxx11::list") || isTemplate(t, "std::list")) && !t.templateArguments().isEmpty()) {
            return Optional.of(list(v, t.templateArguments().get(0), t.strip().name().substring(0, t.strip().name().indexOf('<'))));
        }
        if (isTemplate(t, "std::unordered_map") && t.templateArguments().size() >= 2) {
            return Optional.of(hashtable(v, t.templateArguments().get(0), t.templateArguments().get(1), "std::unordered_map"));
        }
        if (isTemplate(t, "std::unordered_set") && !t.templateArguments().isEmpty()) {
            return Optional.of(hashtable(v, t.templateArguments().get(0), null, "std::unordered_set"));
        }
        if (isTemplate(t, "std::unique_ptr") && t.templateArguments().size() >= 1
                && (t.templateArguments().size() < 2 || String.valueOf(t.templateArguments().get(1).strip().name()).startsWith("std::default_delete<"))) {
            return Optional.of(smartPointer(v, t, TypeNames.of(t), false));
        }
        if (isTemplate(t, "std::shared_ptr") && !t.templateArguments().isEmpty()) {
            return Optional.of(smartPointer(v, t, TypeNames.of(t), true));
        }
        return Optional.empty();
    }

    private static long word(Value v, int offset) {
        byte[] b = v.context().read(base(v) + offset, 8);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static long base(Value v) {
        if (!v.inMemory()) throw new EvaluationException("library object not in memory");
        return v.address();
    }

    private static Container string(Value v) {
        long data = word(v, 0);
        long length = word(v, 8);
        int shown = (int) Math.max(0, Math.min(length, CharFormat.PRINT_MAX));
        byte[] bytes = v.context().read(data, shown);
        String text = CharFormat.string(bytes, shown, length > shown);
        return new Container(text, Container.Kind.STRING, 0, (s, c) -> List.of());
    }

    private static Container vector(Value v, Type element) {
        long start = word(v, 0), finish = word(v, 8), end = word(v, 16);
        long size = Math.max(1, Layouts.sizeOf(element));
        long length = (finish - start) / size, capacity = (end - start) / size;
        // Garbage (an unconstructed vector) makes gdb's printer read elements at _M_start: so do we.
        if (length < 0 || capacity < 0) v.context().read(start, (int) Math.min(size, 1 << 16));
        String summary = "std::vector of length " + length + ", capacity " + capacity;
        ValueContext ctx = v.context();
        int count = (int) Math.max(0, Math.min(length, Integer.MAX_VALUE));
        return new Container(summary, Container.Kind.ARRAY, count, (from, n) -> {
            List<Container.Element> out = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + n); i++) {
                out.add(new Container.Element("[" + i + "]", null,
                        new Value(element, new Place.Memory(start + i * size), ctx)));
            }
            return out;
        });
    }

    /**
     * {@code std::unique_ptr<int> = {get() = 0x…}} (default deleter: the pointer is the whole
     * object) and {@code std::shared_ptr<int> (use count 1, weak count 0) = {get() = 0x…}}.
     */
    private static Container smartPointer(Value v, Type t, String name, boolean shared) {
        Type pointer = Type.pointerTo(t.templateArguments().get(0));
        long address = word(v, 0);
        String summary = name;
        if (shared) {
            long counts = word(v, 8);
            if (counts == 0) {
                summary += " (empty)";
            } else {
                byte[] c = v.context().read(counts + 8, 8);
                int use = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
                int weak = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
                summary += use == 0 ? " (expired, weak count " + weak + ")" : " (use count " + use + ", weak count " + (weak - 1) + ")";
            }
        }
        Value get = Value.ofLong(pointer, address, v.context());
        return new Container(summary, Container.Kind.NAMED, 1, (from, n) -> from == 0 && n > 0
                ? List.of(new Container.Element("get()", null, get)) : List.of());
    }

    /**
     * {@code std::__cxx11::list = {[0] = 4, [1] = 5}} ({@code empty std::__cxx11::list}): a circular
     * doubly linked list whose header {next, prev, size} is the object; data after a node's two links.
     */
    private static Container list(Value v, Type element, String name) {
        long header = base(v);
        long size = word(v, 16);
        long next = word(v, 0);
        ValueContext ctx = v.context();
        // Empty means the header links to itself (gdb's test); an unconstructed list fails to read.
        if (next != header && size <= 0) ctx.read(next, 8);
        int count = (int) Math.max(0, Math.min(size, Integer.MAX_VALUE));
        String summary = next == header ? "empty " + name : name;
        return new Container(summary, Container.Kind.NAMED, count, (from, n) -> {
            List<Container.Element> out = new ArrayList<>();
            long node = read(ctx, header);
            for (int i = 0; i < Math.min(count, from + n) && node != header; i++) {
                if (i >= from) out.add(new Container.Element("[" + i + "]", null, new Value(element, new Place.Memory(node + 16), ctx)));
                node = read(ctx, node);
            }
            return out;
        });
    }

    /**
     * {@code std::unordered_map with 2 elements = {[3] = 4, [1] = 2}} and {@code std::unordered_set}:
     * the hashtable's singly linked node list from _M_before_begin (+16), count at +24; a node is
     * its next pointer followed by the value.
     */
    private static Container hashtable(Value v, Type key, Type mapped, String what) {
        long first = word(v, 16);
        long count = word(v, 24);
        ValueContext ctx = v.context();
        long keySize = Layouts.sizeOf(key);
        long align = mapped == null ? 1 : Layouts.alignOf(mapped);
        long valueOffset = (keySize + align - 1) / align * align;
        int size = (int) Math.max(0, Math.min(count, Integer.MAX_VALUE));
        String summary = what + " with " + Long.toUnsignedString(count) + " element" + (count == 1 ? "" : "s");
        return new Container(summary, mapped == null ? Container.Kind.NAMED : Container.Kind.MAP, size, (from, n) -> {
            List<Container.Element> out = new ArrayList<>();
            long node = first;
            for (int i = 0; i < Math.min(size, from + n) && node != 0; i++) {
                if (i >= from) {
                    Value k = new Value(key, new Place.Memory(node + 8), ctx);
                    if (mapped == null) out.add(new Container.Element("[" + i + "]", null, k));
                    else out.add(new Container.Element(null, k, new Value(mapped, new Place.Memory(node + 8 + valueOffset), ctx)));
                }
                node = read(ctx, node);
            }
            return out;
        });
    }

    /** {@code std::set with 3 elements = {[0] = 1, [1] = 2, [2] = 3}}: the map's tree holding keys alone. */
    private static Container set(Value v, Type key) {
        Container tree = tree(v, key, null, "std::set");
        return new Container(tree.summary(), Container.Kind.NAMED, tree.size(), (from, n) -> {
            List<Container.Element> out = new ArrayList<>();
            int i = from;
            for (Container.Element e : tree.elements().read(from, n)) out.add(new Container.Element("[" + i++ + "]", null, e.key()));
            return out;
        });
    }

    private static Container map(Value v, Type key, Type mapped) {
        return tree(v, key, mapped, "std::map");
    }

    private static Container tree(Value v, Type key, Type mapped, String what) {
        long header = base(v) + 8;
        // An uninitialised tree shows its garbage count, and reading its nodes fails, as with gdb's printer.
        long count = word(v, 40);
        ValueContext ctx = v.context();
        long keySize = Layouts.sizeOf(key);
        long align = mapped == null ? 1 : Layouts.alignOf(mapped);
        long valueOffset = (keySize + align - 1) / align * align;
        String summary = what + " with " + Long.toUnsignedString(count) + " element" + (count == 1 ? "" : "s");
        int size = (int) Math.max(0, Math.min(count, Integer.MAX_VALUE));
        return new Container(summary, Container.Kind.MAP, size, (from, n) -> {
            List<Container.Element> out = new ArrayList<>();
            long node = read(ctx, header + 16); // leftmost
            for (int i = 0; i < Math.min(size, from + n) && node != header; i++) {
                if (i >= from) {
                    Value k = new Value(key, new Place.Memory(node + 32), ctx);
                    Value val = mapped == null ? null : new Value(mapped, new Place.Memory(node + 32 + valueOffset), ctx);
                    out.add(new Container.Element(null, k, val));
                }
                node = successor(ctx, node);
            }
            return out;
        });
    }

    /** In-order successor in the tree: right subtree's leftmost, else the first ancestor we are left of. */
    private static long successor(ValueContext ctx, long node) {
        long right = read(ctx, node + 24);
        if (right != 0) {
            long n = right;
            for (int guard = 0; guard < MAX_NODES; guard++) {
                long left = read(ctx, n + 16);
                if (left == 0) return n;
                n = left;
            }
            return n;
        }
        long n = node;
        long parent = read(ctx, n + 8);
        for (int guard = 0; guard < MAX_NODES && n == read(ctx, parent + 24); guard++) {
            n = parent;
            parent = read(ctx, n + 8);
        }
        // At the root the header's parent is the root itself; its right child is not the header.
        return read(ctx, n + 24) != parent ? parent : n;
    }

    private static long read(ValueContext ctx, long address) {
        return ByteBuffer.wrap(ctx.read(address, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
