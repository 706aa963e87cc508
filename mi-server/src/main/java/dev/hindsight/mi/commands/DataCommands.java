package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiArgs;
import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.mi.session.Numbers;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.values.ValueFormat;
import java.util.HexFormat;
import java.util.Set;

/** -data-evaluate-expression and -data-read-memory-bytes. */
final class DataCommands {
    private DataCommands() {}

    static MiResult evaluate(MiSession s, MiCommand c) {
        if (c.args().isEmpty()) throw new MiException("-data-evaluate-expression: Usage: -data-evaluate-expression expression");
        return MiResult.done("value", evaluate(s, c.rest(), ValueFormat.NATURAL));
    }

    /** An expression in the selected frame, printed as gdb's print does; gdb's convenience variables too. */
    static String evaluate(MiSession s, String expression, ValueFormat format) {
        String e = expression.strip();
        if (e.equals("$_gthread") || e.equals("$_thread")) {
            return s.target() == null ? "0" : String.valueOf(s.threadNumber(s.target().currentThread()));
        }
        if (e.equals("$_inferior")) return "1";
        return ExpressionValues.of(s, e, format, v -> withoutPointerPrefix(v, format));
    }

    /**
     * The value as gdb's -data-evaluate-expression writes it: a pointer without the {@code (int *)}
     * prefix its {@code print} shows (gdb prints the value alone there, as in variable objects).
     */
    private static String withoutPointerPrefix(dev.hindsight.tracer.values.Variable v, ValueFormat format) {
        String text = v.value(format);
        String prefix = "(" + v.type() + ") ";
        boolean pointer = v.type().endsWith("*") || v.type().contains("(*)");
        return pointer && text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }

    /** An address expression ({@code 0x…}, {@code $sp}, {@code &x}, {@code buf}) as a number. */
    static long address(MiSession s, String expression) {
        String e = expression.strip();
        if (e.matches("0[xX][0-9a-fA-F]+|[0-9]+")) return Numbers.parseAddress(e);
        Long n = Numbers.leadingNumber(evaluate(s, e, ValueFormat.NATURAL));
        if (n == null) throw new MiException("Cannot convert value to an address: " + e);
        return n;
    }

    static MiResult readMemoryBytes(MiSession s, MiCommand c) {
        MiArgs a = MiArgs.parse("-data-read-memory-bytes", c.args(), Set.of(), Set.of("-o"));
        if (a.positional().size() != 2) throw new MiException("Usage: [ -o OFFSET ] ADDR LENGTH.");
        Target t = s.memoryTarget();
        long offset = a.has("-o") ? Numbers.parseAddress(a.value("-o")) : 0;
        long start = address(s, a.positional().get(0)) + offset;
        long length = Numbers.parseAddress(a.positional().get(1));
        if (length < 0 || length > 1 << 24) throw new MiException("Invalid length " + length);
        byte[] bytes = t.memory().readAnyTime(start, (int) length);
        if (bytes.length == 0) throw new MiException("Unable to read memory.");
        MiTuple block = MiTuple.of().add("begin", Numbers.hex16(start)).add("offset", Numbers.hex16(0))
                .add("end", Numbers.hex16(start + bytes.length)).add("contents", HexFormat.of().formatHex(bytes));
        return MiResult.done("memory", MiList.of().value(block));
    }
}
