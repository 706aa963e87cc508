package dev.hindsight.mi.cli;

import dev.hindsight.mi.commands.ExpressionValues;
import dev.hindsight.mi.commands.RegisterConsole;
import dev.hindsight.tracer.regs.FpRegisters;

import dev.hindsight.mi.commands.CommandTable;
import dev.hindsight.mi.commands.MiResult;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiParser;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.mi.session.FrameFormat;
import dev.hindsight.mi.session.MiBreakpoint;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.mi.session.SourceLocations;
import dev.hindsight.mi.session.Numbers;
import dev.hindsight.mi.session.VariableText;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.values.ValueFormat;
import dev.hindsight.tracer.values.Variable;
import java.util.List;

/** What the console commands print, in gdb's words. */
final class ConsoleOutput {
    private ConsoleOutput() {}

    /** {@code break LOCATION}: {@code Breakpoint 1 at 0x114a: file /p/hello.c, line 4.} and =breakpoint-created. */
    static MiResult breakpoint(MiSession s, String location, boolean temporary) {
        if (location.startsWith("*") && s.running() == false && s.target() != null && !location.substring(1).strip().matches("0[xX][0-9a-fA-F]+|[0-9]+")) {
            // *EXPR in a stopped program: gdb evaluates it in the selected frame (puts+4, a
            // library's function by its ELF alias) to the address the breakpoint goes to. (Before
            // the run -break-insert keeps EXPR and evaluates it again once the program is loaded.)
            location = "*0x" + Long.toHexString(addressOf(s, s.stoppedTarget(), location.substring(1).strip()));
        }
        String cmd = "-break-insert " + (temporary ? "-t " : "") + (location.isEmpty() ? "" : "\"" + location.replace("\"", "\\\"") + "\"");
        MiResult r = CommandTable.get("break-insert").orElseThrow().handle(s, MiParser.parse(cmd));
        MiBreakpoint bp = s.breakpoints().all().get(s.breakpoints().all().size() - 1);
        MiTuple t = bp.toTuple();
        s.out().notify("breakpoint-created", MiTuple.of().add("bkpt", t));
        noteOthersAt(s, bp, field(t.results(), "addr"));
        s.out().console(placed(temporary ? "Temporary breakpoint " : "Breakpoint ", bp, t));
        return r.resultClass().equals("done") ? MiResult.done() : r;
    }

    /** {@code dprintf LOCATION,"FORMAT",ARG…}: {@code Dprintf 1 at 0x126b: file F, line 18.}, then =breakpoint-created, as gdb orders them. */
    static MiResult dprintf(MiSession s, String text) {
        if (text.isBlank()) throw new MiException("No default breakpoint address now.");
        int comma = text.indexOf(',');
        if (comma < 0) throw new MiException("Format string required");
        String location = text.substring(0, comma).strip();
        MiBreakpoint bp = s.breakpoints().create(location, location.contains(":") || location.startsWith("*") ? null : s.defaultFile(), location);
        bp.printing(dev.hindsight.mi.session.DprintfFormat.ofConsole(text.substring(comma + 1)));
        s.placement().insertBreakpoint(bp, false);
        MiTuple t = bp.toTuple();
        s.out().console(placed("Dprintf ", bp, t));
        s.out().notify("breakpoint-created", MiTuple.of().add("bkpt", t));
        return MiResult.done();
    }

    /** gdb's sentence for a placed breakpoint: {@code KIND N at 0x114a: file /p/hello.c, line 4.} */
    private static String placed(String kind, MiBreakpoint bp, MiTuple t) {
        String results = t.results();
        StringBuilder b = new StringBuilder(kind).append(bp.number());
        b.append(" at 0x").append(Long.toHexString(Numbers.leadingNumber(field(results, "addr"))));
        String file = field(results, "file");
        if (file != null) b.append(": file ").append(file).append(", line ").append(field(results, "line")).append('.');
        return b.append('\n').toString();
    }

    /**
     * gdb's note that other breakpoints are at the new one's address (describe_other_breakpoints):
     * {@code Note: breakpoints 1 (disabled), 2 and 3 also set at pc 0x114a.}
     */
    private static void noteOthersAt(MiSession s, MiBreakpoint bp, String addr) {
        if (addr == null || !addr.startsWith("0x")) return;
        java.util.List<String> others = new java.util.ArrayList<>();
        for (MiBreakpoint o : s.breakpoints().all()) {
            if (o == bp) continue;
            String r = o.toTuple().results();
            if (!addr.equals(field(r, "addr")) || !"breakpoint".equals(field(r, "type"))) continue;
            others.add(o.number() + ("n".equals(field(r, "enabled")) ? " (disabled)" : ""));
        }
        if (others.isEmpty()) return;
        StringBuilder b = new StringBuilder(others.size() == 1 ? "Note: breakpoint " : "Note: breakpoints ");
        for (int i = 0; i < others.size(); i++) {
            int left = others.size() - 1 - i;
            b.append(others.get(i)).append(left > 1 ? ", " : left == 1 ? " and " : " ");
        }
        s.out().console(b.append("also set at pc 0x").append(Long.toHexString(Numbers.leadingNumber(addr))).append(".\n").toString());
    }

    /** A string field of rendered results ({@code addr="0x…"}), for the console's wording. */
    private static String field(String results, String name) {
        int at = results.indexOf(name + "=\"");
        if (at < 0) return null;
        int start = at + name.length() + 2;
        return results.substring(start, results.indexOf('"', start));
    }

    /** gdb's words when there is no process to answer ({@code No stack.}, {@code No frame selected.} …). */
    static void requireProcess(MiSession s, String gdbWords) {
        Target t = s.target();
        if (t == null || t.state() == Target.State.EXITED) throw new MiException(gdbWords);
    }

    static MiResult backtrace(MiSession s) {
        requireProcess(s, "No stack.");
        Target t = s.stoppedTarget();
        for (Frame f : t.frames().backtrace(t.currentThread(), 1024)) s.out().console(FrameFormat.consoleLine(t, f) + "\n");
        return MiResult.done();
    }

    static MiResult frame(MiSession s, String level) {
        requireProcess(s, "No stack.");
        if (!level.isEmpty()) s.selectFrame(Integer.parseInt(level.strip()));
        Target t = s.stoppedTarget();
        Frame f = s.frame();
        s.out().console(FrameFormat.consoleLine(t, f) + "\n");
        if (f.line() != null) {
            String text = FrameFormat.sourceLine(f.line().file(), f.line().line());
            if (text != null) s.out().console(f.line().line() + "\t" + text + "\n");
        }
        // gdb tells MI front ends after the console lines
        s.out().notify("thread-selected", MiTuple.of().add("id", s.threadNumber(t.currentThread()))
                .add("frame", FrameFormat.frame(t, f, true, true)));
        return MiResult.done();
    }

    /** {@code up [N]} / {@code down [N]}: selects the frame N levels out or in, and shows it as {@code frame} does. */
    static MiResult upDown(MiSession s, boolean up, String count) {
        requireProcess(s, "No stack.");
        int n = count.isBlank() ? 1 : Integer.parseInt(count.strip());
        Target t = s.stoppedTarget();
        int level = s.selectedFrameLevel() + (up ? n : -n);
        int depth = t.frames().backtrace(t.currentThread(), 256).size();
        if (up && s.selectedFrameLevel() >= depth - 1) throw new MiException("Initial frame selected; you cannot go up.");
        if (!up && s.selectedFrameLevel() == 0) throw new MiException("Bottom (innermost) frame selected; you cannot go down.");
        return frame(s, Integer.toString(Math.max(0, Math.min(level, depth - 1))));
    }

    /** {@code jump LOCATION}: gdb says where the program goes on from. */
    static MiResult jump(MiSession s, String location) {
        if (location.isBlank()) throw new MiException("Argument required (starting address).");
        long address = SourceLocations.address(s, location);
        s.out().console("Continuing at " + String.format("0x%x", address) + ".\n");
        return CommandTable.get("exec-jump").orElseThrow().handle(s, MiParser.parse("-exec-jump " + location));
    }

    /** {@code set var EXPR}: x87, vector lane and mask registers written here, the rest by the evaluator. */
    static MiResult setVariable(MiSession s, String expr) {
        try {
            if (RegisterConsole.assign(s.stoppedTarget(), expr)) return MiResult.done();
        } catch (RuntimeException e) {
            throw new MiException(e.getMessage());
        }
        // gdb's set var writes nothing: the assignment is evaluated, its value not shown
        ExpressionValues.of(s, expr.strip(), ValueFormat.NATURAL, v -> v.value(ValueFormat.NATURAL));
        return MiResult.done();
    }

    /** {@code print EXPR} / {@code p/x EXPR}: {@code $1 = 3}; {@code output} without the history number. */
    static MiResult print(MiSession s, String args, boolean history) {
        ValueFormat format = ValueFormat.NATURAL;
        String expr = args;
        if (expr.startsWith("/")) {
            String[] parts = expr.substring(1).split("\\s+", 2);
            if (parts[0].equals("x")) format = ValueFormat.HEX;
            else throw new MiException("Hindsight's print takes only the /x format");
            expr = parts.length > 1 ? parts[1] : "";
        }
        if (expr.isBlank()) throw new MiException("Hindsight's print needs an expression");
        ValueFormat shownAs = format;
        String value = ExpressionValues.of(s, expr, format, v -> v.value(shownAs));
        s.out().console(history ? "$" + s.nextValueNumber() + " = " + value + "\n" : value);
        return MiResult.done();
    }

    /**
     * {@code x/NFU ADDR} for hex (x), decimal (d), unsigned (u) in units b, h, w, g; instructions
     * (i, {@link ExamineInstructions}). Without ADDR it goes on after what the last {@code x}
     * showed, and without F or U in the last one's, as gdb's does.
     */
    static MiResult examine(MiSession s, String args) {
        String a = args.strip();
        MiSession.Examined last = s.examined();
        // a bare x (no format, no address) shows as many as the last one did, as gdb's
        int count = last != null && a.isEmpty() ? last.count() : 1;
        char fmt = last == null ? 'x' : last.format(), unit = last == null ? 'w' : last.unit();
        if (a.startsWith("/")) {
            String spec = a.substring(1).split("\\s+", 2)[0];
            a = a.substring(1 + spec.length()).strip();
            String digits = spec.replaceAll("[^0-9]", "");
            if (!digits.isEmpty()) count = Integer.parseInt(digits);
            for (char ch : spec.replaceAll("[0-9]", "").toCharArray()) {
                if ("bhwg".indexOf(ch) >= 0) unit = ch;
                else if ("xdui".indexOf(ch) >= 0) fmt = ch;
                else throw new MiException("Hindsight's x takes formats x, d, u, i and units b, h, w, g");
            }
        }
        // before the run gdb reads the executable file, at its link addresses
        dev.hindsight.mi.session.ProgramFile file = s.target() == null && s.program() != null ? dev.hindsight.mi.session.ProgramFile.of(s.program()) : null;
        Target t = file == null ? s.stoppedTarget() : null;
        if (a.isEmpty() && last == null) throw new MiException("Argument required (starting display address).");
        long address = a.isEmpty() ? last.next() : file != null ? addressOf(file, a) : addressOf(s, t, a);
        java.util.function.LongFunction<java.util.Optional<String>> symbolize = file != null
                ? at -> file.modules().symbolize(at).map(Object::toString) : t.symbols()::symbolize;
        if (fmt == 'i') {
            char u = unit;
            int n = count;
            ExamineInstructions.show(s, CodeView.of(s), address, count, next -> s.setExamined(new MiSession.Examined(next, 'i', u, n)));
            return MiResult.done();
        }
        int size = switch (unit) { case 'b' -> 1; case 'h' -> 2; case 'g' -> 8; default -> 4; };
        int perLine = switch (unit) { case 'b', 'h' -> 8; case 'g' -> 2; default -> 4; };
        s.setExamined(new MiSession.Examined(address + (long) count * size, fmt, unit, count));
        byte[] bytes = file != null ? file.read(address, count * size) : t.memory().read(address, count * size);
        if (bytes.length < count * size) throw new MiException("Cannot access memory at address 0x" + Long.toHexString(address + bytes.length));
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < count; i++) {
            long at = address + (long) i * size;
            if (i % perLine == 0) {
                if (i > 0) s.out().console(line.append('\n').toString());
                StringBuilder head = new StringBuilder("0x" + Long.toHexString(at));
                symbolize.apply(at).ifPresent(sym -> head.append(" <").append(sym).append('>'));
                line = head.append(':');
            }
            long v = 0;
            for (int k = size - 1; k >= 0; k--) v = (v << 8) | (bytes[i * size + k] & 0xff);
            line.append('\t').append(switch (fmt) {
                case 'd' -> Long.toString((v << (64 - 8 * size)) >> (64 - 8 * size));
                case 'u' -> Long.toUnsignedString(v);
                default -> String.format("0x%0" + (2 * size) + "x", v);
            });
        }
        s.out().console(line.append('\n').toString());
        return MiResult.done();
    }

    /** An address before the run: a number, or the value of an expression over the executable file. */
    static long addressOf(dev.hindsight.mi.session.ProgramFile file, String expr) {
        if (expr.matches("0[xX][0-9a-fA-F]+|[0-9]+")) return Numbers.parseAddress(expr);
        return Numbers.evaluatedAddress(expr, file::evaluate);
    }

    static long addressOf(MiSession s, Target t, String expr) {
        if (expr.isEmpty()) throw new MiException("Argument required (starting display address).");
        if (expr.matches("0[xX][0-9a-fA-F]+|[0-9]+")) return Numbers.parseAddress(expr);
        if (expr.equals("$sp") || expr.equals("$rsp")) return t.registers().of(t.currentThread()).rsp();
        if (expr.equals("$pc") || expr.equals("$rip")) return s.frame().pc();
        return Numbers.evaluatedAddress(expr, e -> t.frames().evaluate(e, s.frame()));
    }

    static MiResult info(MiSession s, String what) {
        String[] w = what.split("\\s+", 2);
        String rest = w.length > 1 ? w[1].strip() : "";
        switch (w[0]) {
            case "registers", "reg", "r", "all-registers", "locals", "args" -> requireProcess(s,
                    w[0].equals("locals") || w[0].equals("args") ? "No frame selected." : "The program has no registers now.");
            case "frame", "f" -> requireProcess(s, rest.isEmpty() ? "No stack." : "No registers.");
            default -> { }
        }
        switch (w[0]) {
            case "registers", "reg", "r" -> registers(s, rest, false);
            case "all-registers" -> registers(s, rest, true);
            case "locals" -> variables(s, s.stoppedTarget().frames().locals(s.frame()), "No locals.");
            case "args" -> variables(s, s.stoppedTarget().frames().arguments(s.frame()), "No arguments.");
            case "frame", "f" -> InfoFrame.show(s);
            case "sharedlibrary", "shared", "dll" -> InfoSharedLibrary.show(s);
            case "symbol" -> InfoSymbol.show(s, rest);
            case "breakpoints", "break", "b" -> InfoBreakpoints.show(s);
            case "line" -> InfoLine.show(s, rest);
            case "display" -> DisplayCommands.info(s);
            case "threads", "thread" -> InfoThreads.show(s);
            case "signals", "signal", "handle" -> InfoSignals.show(s, rest);
            default -> throw new MiException("Undefined info command: \"" + what + "\".  Try \"help info\".");
        }
        return MiResult.done();
    }

    private static void variables(MiSession s, List<Variable> vars, String none) {
        if (vars.isEmpty()) s.out().console(none + "\n");
        for (Variable v : vars) s.out().console(v.name() + " = " + VariableText.value(v) + "\n");
    }

    /**
     * {@code rip            0x5555…      0x5555… <main+57>}: gdb's columns (name 15, raw 20); the
     * x87, vector and mask registers as {@link RegisterConsole} writes them (thread values: gdb does
     * not unwind them either).
     */
    private static void registers(MiSession s, String names, boolean all) {
        if (dev.hindsight.tracer.arch.Architecture.host() instanceof dev.hindsight.tracer.arch.Aarch64) {
            s.out().console(RegisterConsole.aarch64Lines(s, names, all));
            return;
        }
        Target t = s.stoppedTarget();
        Registers r = t.registers().of(t.currentThread());
        FpRegisters fp;
        try {
            fp = t.registers().fp(t.currentThread());
        } catch (RuntimeException e) {
            fp = null;
        }
        FpRegisters groups = fp;
        List<String> which = !names.isEmpty()
                ? java.util.Arrays.stream(names.split("\\s+")).map(n -> n.startsWith("$") ? n.substring(1) : n)
                        .flatMap(n -> RegisterConsole.group(n, groups).orElse(List.of(n)).stream()).toList()
                : all ? RegisterConsole.allNames(fp) : RegisterConsole.generalNames(fp);
        StringBuilder out = new StringBuilder();
        for (String n : which) {
            if (n.equals("pc")) n = "rip";
            if (!Registers.isName(n)) {
                int number = RegisterConsole.number(n);
                if (number < 0) throw new MiException("Invalid register `" + n + "'");
                out.append(RegisterConsole.line(number, r, fp));
                continue;
            }
            long v = n.equals("rip") ? s.frame().pc() : inFrame(s.frame(), n, r.get(n));
            String natural = switch (n) {
                case "rip" -> "0x" + Long.toHexString(v) + t.symbols().symbolize(v).map(sym -> " <" + sym + ">").orElse("");
                case "rsp", "rbp" -> "0x" + Long.toHexString(v);
                case "eflags" -> dev.hindsight.tracer.regs.Eflags.describe(v);
                default -> Long.toString(v);
            };
            out.append(pad(n, 15)).append(pad("0x" + Long.toHexString(v), 20)).append(natural).append('\n');
        }
        s.out().console(out.toString());
    }

    /** DWARF numbers of the general registers, rax (0) to r15 (15). */
    private static final List<String> DWARF_NUMBERS = List.of("rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15");

    /** A register as the selected frame has it: an outer frame's unwound value where known (gdb's view), else the thread's. */
    private static long inFrame(dev.hindsight.tracer.stack.Frame f, String name, long threadValue) {
        int dwarf = DWARF_NUMBERS.indexOf(name);
        if (f.index() == 0 || dwarf < 0) return threadValue;
        Long v = f.registers().get(dwarf);
        return v != null ? v : threadValue;
    }

    private static String pad(String s, int width) {
        StringBuilder b = new StringBuilder(s);
        do b.append(' '); while (b.length() < width);
        return b.toString();
    }

    static String show(MiSession s, String what) {
        if (what.equals("version")) return "GNU gdb (Hindsight 0.1.0) 13.1\n";
        return ShowSentences.sentence(s.settings(), what);
    }

    /** A setting changed by a console command: gdb tells MI front ends with {@code =cmd-param-changed}. */
    static MiResult setParameter(MiSession s, String name, String value) {
        s.settings().set(name + " " + value);
        s.out().notify("cmd-param-changed", MiTuple.of().add("param", name).add("value", s.settings().get(name)));
        return MiResult.done();
    }

    /** {@code set environment NAME [=] VALUE}: for the next runs; gdb's words for an empty value. */
    static MiResult setEnvironment(MiSession s, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([^\\s=]+)\\s*(?:=\\s*|\\s+|$)(.*)").matcher(text.strip());
        if (!m.matches()) throw new MiException("Argument required (environment variable and value).");
        String value = m.group(2).strip();
        if (value.isEmpty()) s.out().console("Setting environment variable \"" + m.group(1) + "\" to null value.\n");
        s.setEnvironment(m.group(1), value);
        return MiResult.done();
    }
}
