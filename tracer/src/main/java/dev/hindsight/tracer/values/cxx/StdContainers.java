package dev.hindsight.tracer.values.cxx;

import dev.hindsight.tracer.values.EvaluationException;
import dev.hindsight.tracer.values.Place;
import dev.hindsight.tracer.values.Value;
import dev.hindsight.tracer.values.ValueContext;
import dev.hindsight.tracer.values.format.CharFormat;
import dev.hindsight.tracer.values.types.Type;
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
    private static final int MAX_STRING = 1 << 20;
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
        if (length < 0 || length > MAX_STRING) throw new EvaluationException("string length " + length);
        int shown = (int) Math.min(length, CharFormat.PRINT_MAX);
        byte[] bytes = v.context().read(data, shown);
        String text = CharFormat.string(bytes, shown, length > shown);
        return new Container(text, Container.Kind.STRING, 0, (s, c) -> List.of());
    }

    private static Container vector(Value v, Type element) {
        long start = word(v, 0), finish = word(v, 8), end = word(v, 16);
        long size = Math.max(1, Layouts.sizeOf(element));
        long length = (finish - start) / size, capacity = (end - start) / size;
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

    private static Container map(Value v, Type key, Type mapped) {
        long header = base(v) + 8;
        // An uninitialised map shows its garbage count, and reading its nodes fails, as with gdb's printer.
        long count = word(v, 40);
        ValueContext ctx = v.context();
        long keySize = Layouts.sizeOf(key);
        long align = Layouts.alignOf(mapped);
        long valueOffset = (keySize + align - 1) / align * align;
        String summary = "std::map with " + Long.toUnsignedString(count) + " element" + (count == 1 ? "" : "s");
        int size = (int) Math.max(0, Math.min(count, Integer.MAX_VALUE));
        return new Container(summary, Container.Kind.MAP, size, (from, n) -> {
            List<Container.Element> out = new ArrayList<>();
            long node = read(ctx, header + 16); // leftmost
            for (int i = 0; i < Math.min(size, from + n) && node != header; i++) {
                if (i >= from) {
                    Value k = new Value(key, new Place.Memory(node + 32), ctx);
                    Value val = new Value(mapped, new Place.Memory(node + 32 + valueOffset), ctx);
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
