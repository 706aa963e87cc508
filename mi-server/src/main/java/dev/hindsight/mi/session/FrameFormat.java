package dev.hindsight.mi.session;

import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.values.Variable;
import java.util.List;

/** gdb's {@code frame={…}} tuple and its console line for a frame. */
public final class FrameFormat {
    /** gdb's name of the architecture the programs run on (a frame's arch, show architecture). */
    public static final String ARCH = dev.hindsight.tracer.arch.Architecture.host() instanceof dev.hindsight.tracer.arch.Aarch64
            ? "aarch64" : "i386:x86-64";

    private FrameFormat() {}

    /**
     * @param level include {@code level=}
     * @param args  include {@code args=[…]} (as in {@code *stopped} and {@code -thread-info})
     */
    public static MiTuple frame(Target t, Frame f, boolean level, boolean args) {
        MiTuple m = MiTuple.of();
        if (level) m.add("level", f.index());
        m.add("addr", Numbers.hex16(f.pc()));
        m.add("func", f.displayName());
        if (args) m.add("args", arguments(t, f, true));
        if (f.line() != null) {
            m.add("file", f.line().file()).add("fullname", f.line().file()).add("line", f.line().line());
        } else {
            t.symbols().modules().moduleAt(f.pc()).ifPresent(mod -> m.add("from", mod.path()));
        }
        return m.add("arch", ARCH);
    }

    /** {@code [{name="a",value="0"}]}; aggregates as {@code ...} (gdb's print frame-arguments scalars). */
    public static MiList arguments(Target t, Frame f, boolean values) {
        MiList l = MiList.of();
        if (f.line() == null) return l;
        for (Variable v : safeArguments(t, f)) {
            MiTuple a = MiTuple.of().add("name", v.name());
            if (values) a.add("value", scalarOrEllipsis(v));
            l.value(a);
        }
        return l;
    }

    static List<Variable> safeArguments(Target t, Frame f) {
        try {
            return t.frames().arguments(f);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    static String scalarOrEllipsis(Variable v) {
        return VariableText.simple(v) ? VariableText.value(v) : "...";
    }

    /** {@code #1  0x… in main (argc=1, …) at file:10}; frame 0 at a line's first instruction without the address. */
    public static String consoleLine(Target t, Frame f) {
        StringBuilder b = new StringBuilder("#").append(f.index());
        while (b.length() < 4) b.append(' ');
        boolean atLineStart = f.index() == 0 && t.symbols().sourceAt(f.pc()).map(p -> p.statementStart()).orElse(false);
        if (!atLineStart) b.append(Numbers.hex16(f.pc())).append(" in ");
        b.append(describe(t, f));
        return b.toString();
    }

    /** {@code add (a=0, b=0) at /path/hello.c:4}, as gdb's console tells where a stop is. */
    public static String describe(Target t, Frame f) {
        StringBuilder b = new StringBuilder(f.displayName()).append(" (");
        List<Variable> args = f.line() == null ? List.of() : safeArguments(t, f);
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) b.append(", ");
            b.append(args.get(i).name()).append('=').append(scalarOrEllipsis(args.get(i)));
        }
        b.append(')');
        if (f.line() != null) b.append(" at ").append(f.line().file()).append(':').append(f.line().line());
        return b.toString();
    }

    /** The text of a source line, or null when the file cannot be read. */
    public static String sourceLine(String file, int line) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(file));
            return line >= 1 && line <= lines.size() ? lines.get(line - 1) : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
