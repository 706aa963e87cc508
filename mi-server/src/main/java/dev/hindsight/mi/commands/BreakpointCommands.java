package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiArgs;
import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.mi.session.MiBreakpoint;
import dev.hindsight.mi.session.DprintfFormat;
import dev.hindsight.mi.session.MiSession;
import java.util.List;
import java.util.Set;

/** -break-insert (-t -c -i -f, file:line / function / *address), delete, enable, disable, condition, after, list. */
final class BreakpointCommands {
    private BreakpointCommands() {}

    static MiResult insert(MiSession s, MiCommand c) {
        MiArgs a = MiArgs.parse("-break-insert", c.args(), Set.of("-t", "-f", "-h", "-r", "-d", "-a", "--qualified"),
                Set.of("-c", "-i", "-p", "--source", "--function", "--line", "--label"));
        if (a.has("-h") || a.has("-r") || a.has("-a") || a.has("-p")) {
            throw new MiException("-break-insert: hardware, regexp, tracepoint and thread breakpoints are not supported by Hindsight");
        }
        MiBreakpoint bp;
        if (a.has("--source") || a.has("--function") || a.has("--line") || a.has("--label")) {
            bp = explicit(s, a);
        } else {
            if (a.positional().isEmpty()) throw new MiException("-break-insert: Missing <location>");
            String location = String.join(" ", a.positional());
            bp = s.breakpoints().create(location, location.contains(":") || location.startsWith("*") ? null : s.defaultFile(), location);
        }
        int ignore = a.intValue("-i", 0, "-break-insert");
        bp.configure(a.has("-t"), a.value("-c"), ignore, !a.has("-d"));
        s.placement().insertBreakpoint(bp, a.has("-f"));
        return MiResult.done("bkpt", bp.toTuple());
    }

    /**
     * {@code -dprintf-insert [-t] [-f] [-c COND] [-i N] [-d] LOCATION FORMAT ARG…}: a breakpoint
     * that prints FORMAT with the ARGs' values at each hit and goes on.
     */
    static MiResult dprintfInsert(MiSession s, MiCommand c) {
        MiArgs a = MiArgs.parse("-dprintf-insert", c.args(), Set.of("-t", "-f", "-d"), Set.of("-c", "-i", "-p"));
        List<String> p = a.positional();
        if (p.isEmpty()) throw new MiException("-dprintf-insert: Missing <location>");
        if (p.size() < 2) throw new MiException("-dprintf-insert: Missing <format>");
        String location = p.get(0);
        MiBreakpoint bp = s.breakpoints().create(location, location.contains(":") || location.startsWith("*") ? null : s.defaultFile(), location);
        bp.configure(a.has("-t"), a.value("-c"), a.intValue("-i", 0, "-dprintf-insert"), !a.has("-d"));
        bp.printing(DprintfFormat.of(p.get(1), List.copyOf(p.subList(2, p.size()))));
        s.placement().insertBreakpoint(bp, a.has("-f"));
        return MiResult.done("bkpt", bp.toTuple());
    }

    /**
     * An explicit location ({@code --source F --line N}, {@code --function F}, as cdt-gdb-adapter
     * sends them): gdb's {@code original-location} spells it with single dashes.
     */
    private static MiBreakpoint explicit(MiSession s, MiArgs a) {
        if (a.has("--label")) throw new MiException("-break-insert: labels are not supported by Hindsight");
        if (!a.positional().isEmpty()) throw new MiException("Garbage '" + String.join(" ", a.positional()) + "' at end of location");
        String source = a.value("--source");
        String function = a.value("--function");
        String line = a.value("--line");
        if (source != null && function == null && line == null) {
            throw new MiException("Source filename requires function, label, or line offset.");
        }
        StringBuilder original = new StringBuilder();
        if (source != null) original.append("-source ").append(source).append(' ');
        if (function != null) original.append("-function ").append(function).append(' ');
        if (line != null) original.append("-line ").append(line).append(' ');
        String location = function != null ? function : (source != null ? source + ":" : "") + line;
        return s.breakpoints().create(location, source == null ? s.defaultFile() : null, original.toString().strip());
    }

    /** {@code -break-commands N [COMMAND…]}: the console commands gdb runs after a stop at N (none: clears them). */
    static MiResult commands(MiSession s, MiCommand c) {
        if (c.args().isEmpty()) throw new MiException("USAGE: break-commands <BKPT> [<COMMAND> [<COMMAND>...]]");
        String n = c.args().get(0);
        if (!n.matches("\\d+")) throw new MiException("breakpoint number argument \"" + n + "\" is not a number.");
        MiBreakpoint bp = s.breakpoints().get(Integer.parseInt(n)).orElseThrow(() -> new MiException("breakpoint " + n + " not found."));
        bp.setScript(c.args().subList(1, c.args().size()));
        return MiResult.done();
    }

    static MiResult delete(MiSession s, MiCommand c) {
        if (c.args().isEmpty()) {
            for (MiBreakpoint bp : s.breakpoints().all()) s.placement().deleteBreakpoint(bp, false);
            return MiResult.done();
        }
        for (String n : c.args()) s.placement().deleteBreakpoint(s.breakpoints().require(n), false);
        return MiResult.done();
    }

    static MiResult enable(MiSession s, MiCommand c) {
        return setEnabled(s, c, true);
    }

    static MiResult disable(MiSession s, MiCommand c) {
        return setEnabled(s, c, false);
    }

    private static MiResult setEnabled(MiSession s, MiCommand c, boolean on) {
        for (String n : c.args()) {
            try {
                s.placement().setEnabled(s.breakpoints().require(n), on);
            } catch (MiException e) {
                if (!e.getMessage().startsWith("No breakpoint number")) throw e;
                s.out().console(e.getMessage() + "\n"); // gdb says so and succeeds
            }
        }
        return MiResult.done();
    }

    static MiResult condition(MiSession s, MiCommand c) {
        if (c.args().isEmpty()) throw new MiException("-break-condition: Missing the <number> argument");
        MiBreakpoint bp = s.breakpoints().require(c.args().get(0));
        String cond = String.join(" ", c.args().subList(1, c.args().size())).strip();
        bp.setCondition(cond.isEmpty() ? null : cond);
        return MiResult.done();
    }

    static MiResult after(MiSession s, MiCommand c) {
        if (c.args().size() != 2) throw new MiException("-break-after: Usage: -break-after NUMBER COUNT");
        MiBreakpoint bp = s.breakpoints().require(c.args().get(0));
        try {
            bp.setIgnoreCount(Integer.parseInt(c.args().get(1)));
        } catch (NumberFormatException e) {
            throw new MiException("Invalid number \"" + c.args().get(1) + "\".");
        }
        return MiResult.done();
    }

    static MiResult list(MiSession s, MiCommand c) {
        MiList hdr = MiList.of()
                .value(col("7", "-1", "number", "Num")).value(col("14", "-1", "type", "Type"))
                .value(col("4", "-1", "disp", "Disp")).value(col("3", "-1", "enabled", "Enb"))
                .value(col("18", "-1", "addr", "Address")).value(col("40", "2", "what", "What"));
        MiList body = MiList.of();
        for (MiBreakpoint bp : s.breakpoints().all()) body.result("bkpt", bp.toTuple());
        MiTuple table = MiTuple.of().add("nr_rows", body.size()).add("nr_cols", "6").add("hdr", hdr).add("body", body);
        return MiResult.done("BreakpointTable", table);
    }

    private static MiTuple col(String width, String alignment, String name, String header) {
        return MiTuple.of().add("width", width).add("alignment", alignment).add("col_name", name).add("colhdr", header);
    }

    /** {@code -break-watch [-a|-r] EXPR}: a write (or access, or read) watchpoint on an lvalue. */
    static MiResult watch(MiSession s, MiCommand c) {
        java.util.List<String> a = new java.util.ArrayList<>(c.args());
        String type = "hw watchpoint";
        if (!a.isEmpty() && a.get(0).equals("-a")) type = "acc watchpoint";
        if (!a.isEmpty() && a.get(0).equals("-r")) type = "read watchpoint";
        if (!a.isEmpty() && (a.get(0).equals("-a") || a.get(0).equals("-r"))) a.remove(0);
        if (a.isEmpty()) throw new MiException("-break-watch: Missing <expression>");
        String exp = String.join(" ", a);
        dev.hindsight.tracer.Target t = s.stoppedTarget();
        dev.hindsight.tracer.values.Variable v;
        long size;
        try {
            v = t.frames().evaluate(exp, s.frame());
            size = Long.parseLong(t.frames().evaluate("sizeof(" + exp + ")", s.frame()).value());
        } catch (RuntimeException e) {
            throw new MiException(e.getMessage());
        }
        if (v.address().isEmpty()) throw new MiException("Cannot watch constant value `" + exp + "'.");
        MiBreakpoint bp = s.placement().insertWatchpoint(MiBreakpoint.watch(exp, type, v.address().getAsLong(), (int) size, v.value()));
        return MiResult.done(bp.watchResultName(), bp.watchTuple());
    }
}
