package dev.hindsight.tracer.values.format;

import dev.hindsight.tracer.values.EvaluationException;
import dev.hindsight.tracer.values.Place;
import dev.hindsight.tracer.values.Value;
import dev.hindsight.tracer.values.ValueFormat;
import dev.hindsight.tracer.values.cxx.Container;
import dev.hindsight.tracer.values.cxx.StdContainers;
import dev.hindsight.tracer.values.types.Member;
import dev.hindsight.tracer.values.types.Type;
import dev.hindsight.tracer.values.types.TypeNames;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Values as gdb prints them. {@link #print} is gdb's {@code print} (pointers get a {@code (type)}
 * prefix, references show their type); {@link #plain} is how {@code info locals} and nested
 * members appear.
 */
public final class ValuePrinter {
    private static final int NESTING_LIMIT = 32;
    private static final int MAX_STRING_READ = 1 << 16;
    private final ValueFormat format;

    public ValuePrinter(ValueFormat format) {
        this.format = format;
    }

    public String print(Value v) {
        StringBuilder sb = new StringBuilder();
        Type t = v.type().strip();
        boolean hex = format == ValueFormat.HEX;
        try {
            if (!hex && t.kind() == Type.Kind.POINTER && v.available() && !isString(t) ) {
                sb.append('(').append(TypeNames.of(v.type())).append(") ");
            } else if (t.isReference() && v.available() && containerBehind(v).isEmpty()) {
                sb.append('(').append(TypeNames.of(v.type())).append(") ");
            }
        } catch (EvaluationException e) {
            // printed below as an error
        }
        append(sb, v, 0);
        return sb.toString();
    }

    public String plain(Value v) {
        StringBuilder sb = new StringBuilder();
        append(sb, v, 0);
        return sb.toString();
    }

    private static boolean isString(Type pointer) {
        return pointer.target() != null && pointer.target().characterPrefix() != null;
    }

    private Optional<Container> containerBehind(Value v) {
        Type t = v.type().strip();
        if (!t.isReference()) return Optional.empty();
        return StdContainers.of(v.dereference());
    }

    void append(StringBuilder sb, Value v, int depth) {
        if (!v.available()) {
            // A thread-local variable is not optimized out: its block for this thread is not found
            // (a glibc whose link_map layout is unknown, or a thread that never touched a library's).
            boolean tls = v.place() instanceof Place.Unavailable u
                    && u.reason().equals(dev.hindsight.tracer.dwarf.expr.Location.Unavailable.NO_THREAD_LOCAL_STORAGE);
            sb.append(tls ? "<thread-local storage unavailable>" : "<optimized out>");
            return;
        }
        if (v.place() instanceof Place.Register r && v.context().registerBytes(r.dwarfRegister()) == null) {
            sb.append("<not saved>"); // a caller-saved register the call clobbered: unknowable, not guessed
            return;
        }
        int mark = sb.length();
        try {
            appendAvailable(sb, v, depth);
        } catch (EvaluationException e) {
            sb.setLength(mark);
            sb.append("<error: ").append(e.getMessage()).append('>');
        }
    }

    private void appendAvailable(StringBuilder sb, Value v, int depth) {
        Type t = v.type().strip();
        boolean hex = format == ValueFormat.HEX;
        switch (t.kind()) {
            case BASE -> scalar(sb, v, t, hex);
            case ENUM -> enumeration(sb, v, t, hex);
            case POINTER -> pointer(sb, v, t, hex);
            case REFERENCE, RVALUE_REFERENCE -> {
                Value target = v.dereference();
                Optional<Container> c = StdContainers.of(target);
                if (c.isPresent()) {
                    container(sb, c.get(), depth);
                    return;
                }
                long size = Math.max(1, Math.min(8, target.type().size()));
                if (v.context().readSome(v.asLong(), (int) size).length < size) {
                    // gdb reads a referent eagerly: an unreadable one makes the whole value an error.
                    sb.append("<error reading variable: ")
                            .append(dev.hindsight.tracer.values.ValueContext.cannotAccess(v.asLong())).append('>');
                    return;
                }
                sb.append('@').append(hexAddress(v.asLong())).append(": ");
                append(sb, target, depth + 1);
            }
            case ARRAY -> array(sb, v, t, depth);
            case STRUCT, CLASS, UNION -> aggregate(sb, v, t, depth);
            case FUNCTION -> {
                long address = v.address();
                sb.append('{').append(TypeNames.of(v.type())).append("} ").append(hexAddress(address));
                v.context().symbolAt(address).ifPresent(s -> sb.append(" <").append(s).append('>'));
            }
            case VOID -> sb.append("void");
            default -> sb.append("<unknown type>");
        }
    }

    private void scalar(StringBuilder sb, Value v, Type t, boolean hex) {
        if (t.isFloat()) {
            if (hex) {
                byte[] b = v.bytes();
                sb.append("0x").append(new java.math.BigInteger(1, reverse(b)).toString(16));
                return;
            }
            var program = v.context() == null ? null : v.context().program();
            sb.append(FloatFormat.text(v.bytes(), t.name(), program == null ? dev.hindsight.tracer.arch.Architecture.host() : program.architecture()));
            return;
        }
        if (t.encoding() == Type.Encoding.OTHER) {
            sb.append("<unknown type>");
            return;
        }
        long size = v.isBitfield() ? v.bitSize() : t.size() * 8;
        if (t.size() > 8 && !v.isBitfield()) {
            java.math.BigInteger big = new java.math.BigInteger(1, reverse(v.bytes()));
            if (hex) {
                sb.append("0x").append(big.toString(16));
            } else {
                if (t.isSigned() && big.testBit((int) size - 1)) big = big.subtract(java.math.BigInteger.ONE.shiftLeft((int) size));
                sb.append(big);
            }
            return;
        }
        long value = v.asLong();
        if (hex) {
            // gdb masks a (sign-extended) bitfield to its declared type's width: level = 0xfffffffd.
            sb.append(hexMasked(value, (int) t.size() * 8));
            return;
        }
        if (t.encoding() == Type.Encoding.FLAGS) {
            // the flags register's type names its architecture (i386_eflags, cpsr_flags); status registers their layout (fpsr_flags)
            dev.hindsight.tracer.arch.Architecture arch = dev.hindsight.tracer.arch.Architecture.ofFlagsType(t.name());
            sb.append(arch != null ? arch.describeFlags(value) : dev.hindsight.tracer.arch.FlagsLayout.ofType(t.name()).describe(value));
            return;
        }
        if (t.encoding() == Type.Encoding.BOOLEAN) {
            sb.append(value == 0 ? "false" : value == 1 ? "true" : Long.toString(value));
            return;
        }
        sb.append(t.isSigned() ? Long.toString(value) : Long.toUnsignedString(value));
        String prefix = v.type().characterPrefix();
        if (prefix != null && !v.isBitfield()) sb.append(' ').append(prefix).append(CharFormat.quoted(value, (int) t.size()));
    }

    /** The float, double or (x86's) long double in {@code b} as gdb prints it; see {@link FloatFormat#text} for other formats. */
    public static String floating(byte[] b) {
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (b.length == 4) return FloatFormat.ofFloat(bb.getFloat());
        if (b.length == 8) return FloatFormat.ofDouble(bb.getDouble());
        return LongDouble.text(b);
    }

    private static String hexMasked(long value, int bits) {
        long masked = bits >= 64 ? value : value & ((1L << bits) - 1);
        return "0x" + Long.toHexString(masked);
    }

    private static String hexAddress(long a) {
        return "0x" + Long.toHexString(a);
    }

    private void enumeration(StringBuilder sb, Value v, Type t, boolean hex) {
        long value = v.asLong();
        if (hex) {
            sb.append(hexMasked(value, (int) t.size() * 8));
            return;
        }
        sb.append(EnumFormat.of(t, value));
    }

    private void pointer(StringBuilder sb, Value v, Type t, boolean hex) {
        long address = v.asLong();
        sb.append(hexAddress(address));
        if (hex) return;
        Type target = t.target() == null ? null : t.target().strip();
        if (target != null && target.kind() == Type.Kind.FUNCTION || address != 0 && !isString(t)) {
            v.context().symbolAt(address).ifPresent(s -> sb.append(" <").append(s).append('>'));
            return;
        }
        if (isString(t) && address != 0) {
            v.context().symbolAt(address).ifPresent(s -> sb.append(" <").append(s).append('>'));
            sb.append(' ');
            cString(sb, v, address);
        }
    }

    /** The string a {@code char *} (or wide character pointer) points to, up to its terminating zero unit. */
    private static void cString(StringBuilder sb, Value v, long address) {
        Type element = v.type().strip().target();
        int width = (int) Math.max(1, element.strip().size());
        sb.append(element.characterPrefix());
        byte[] chunk = v.context().readSome(address, CharFormat.PRINT_MAX * width);
        int units = chunk.length / width;
        int n = 0;
        while (n < units && CharFormat.unit(chunk, n, width) != 0) n++;
        if (n == units && units < CharFormat.PRINT_MAX) {
            if (n == 0) {
                sb.append("<error: ").append(dev.hindsight.tracer.values.ValueContext.cannotAccess(address)).append('>');
                return;
            }
            sb.append(CharFormat.string(chunk, width, n, false));
            sb.append("<error: ").append(dev.hindsight.tracer.values.ValueContext.cannotAccess(address + (long) n * width)).append('>');
            return;
        }
        sb.append(CharFormat.string(chunk, width, n, n == CharFormat.PRINT_MAX));
    }

    private void array(StringBuilder sb, Value v, Type t, int depth) {
        long count = Math.max(0, t.count());
        Type element = t.target();
        String prefix = element.characterPrefix();
        if (prefix != null && format != ValueFormat.HEX) {
            int width = (int) Math.max(1, element.strip().size());
            // Repeats make 200 shown elements cover more bytes, but a huge buffer is read only in part.
            boolean huge = count > MAX_STRING_READ;
            byte[] bytes = huge ? v.context().read(v.address(), MAX_STRING_READ * width) : v.bytes();
            int length = (int) Math.min(count, MAX_STRING_READ);
            int nonNull = 0;
            while (nonNull < length && nonNull < CharFormat.PRINT_MAX && CharFormat.unit(bytes, nonNull, width) != 0) nonNull++;
            boolean ellipsis = nonNull == CharFormat.PRINT_MAX && nonNull < length || huge;
            if (!ellipsis && length > 0 && CharFormat.unit(bytes, length - 1, width) == 0) length--;
            sb.append(prefix).append(CharFormat.string(bytes, width, length, ellipsis));
            return;
        }
        if (depth > NESTING_LIMIT) {
            sb.append("{...}");
            return;
        }
        long size = Math.max(1, element.size());
        sb.append('{');
        int things = 0;
        long i = 0;
        // Repeats wherever the value lives, as gdb: memory, or the debugger's own bytes (a vector register's lanes).
        boolean readable = v.place() instanceof Place.Memory || v.place() instanceof Place.Bytes;
        byte[] all = readable && count * size <= (1 << 20) ? v.bytes() : null;
        while (i < count) {
            if (things >= CharFormat.PRINT_MAX) {
                sb.append("...");
                break;
            }
            if (i > 0) sb.append(", ");
            long run = 1;
            if (all != null) {
                while (i + run < count && Arrays.equals(all, (int) (i * size), (int) ((i + 1) * size),
                        all, (int) ((i + run) * size), (int) ((i + run + 1) * size))) run++;
            }
            append(sb, v.element(i), depth + 1);
            if (run > CharFormat.REPEAT_THRESHOLD) {
                sb.append(" <repeats ").append(run).append(" times>");
                i += run;
                things += CharFormat.REPEAT_THRESHOLD;
            } else {
                i++;
                things++;
            }
        }
        sb.append('}');
    }

    private void aggregate(StringBuilder sb, Value v, Type t, int depth) {
        Optional<Container> c;
        try {
            c = StdContainers.of(v);
        } catch (EvaluationException e) {
            // As gdb words a pretty printer that cannot read its object.
            sb.append("<error reading variable: ").append(e.getMessage()).append('>');
            return;
        }
        if (c.isPresent()) {
            container(sb, c.get(), depth);
            return;
        }
        if (t.declaration() && t.members().isEmpty()) {
            sb.append("<incomplete type>");
            return;
        }
        if (depth > NESTING_LIMIT) {
            sb.append("{...}");
            return;
        }
        sb.append('{');
        boolean first = true;
        for (Member m : t.members()) {
            if (!first) sb.append(", ");
            first = false;
            if (m.base()) sb.append('<').append(m.name()).append("> = ");
            else if (m.isStatic()) sb.append("static ").append(m.name()).append(" = ");
            else sb.append(m.name() == null ? "" : m.name() + " = ");
            append(sb, v.member(m), depth + 1);
        }
        // As gdb: a class whose only members are its bases (or an empty one) says it has no fields.
        if (t.members().stream().allMatch(Member::base)) sb.append(first ? "" : ", ").append("<No data fields>");
        sb.append('}');
    }

    private void container(StringBuilder sb, Container c, int depth) {
        if (c.kind() == Container.Kind.STRING) {
            sb.append(c.summary());
            return;
        }
        sb.append(c.summary());
        if (c.size() == 0) return;
        int shown = Math.min(c.size(), CharFormat.PRINT_MAX);
        List<Container.Element> elements;
        try {
            elements = c.elements().read(0, shown);
        } catch (EvaluationException e) {
            sb.append("<error reading variable: ").append(e.getMessage()).append('>');
            return;
        }
        sb.append(" = {");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) sb.append(", ");
            Container.Element e = elements.get(i);
            if (c.kind() == Container.Kind.MAP) {
                sb.append('[');
                append(sb, e.key(), depth + 1);
                sb.append("] = ");
            } else if (c.kind() == Container.Kind.NAMED) {
                sb.append(e.name()).append(" = ");
            }
            append(sb, e.value(), depth + 1);
        }
        if (c.size() > shown) sb.append("...");
        sb.append('}');
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) r[i] = b[b.length - 1 - i];
        return r;
    }
}
