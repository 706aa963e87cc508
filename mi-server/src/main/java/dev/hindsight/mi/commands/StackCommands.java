package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiArgs;
import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.mi.session.FrameFormat;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.mi.session.VariableText;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.values.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** -stack-list-frames, -stack-info-depth/-frame, -stack-select-frame, -stack-list-arguments/-locals/-variables. */
final class StackCommands {
    private static final int MAX_FRAMES = 1024;
    private static final Set<String> VALUE_FLAGS = Set.of("--no-values", "--all-values", "--simple-values",
            "--no-frame-filters", "--skip-unavailable");

    private StackCommands() {}

    private static List<Frame> frames(MiSession s, int max) {
        Target t = s.stoppedTarget();
        return t.frames().backtrace(t.currentThread(), max);
    }

    static MiResult listFrames(MiSession s, MiCommand c) {
        MiArgs a = MiArgs.parse("-stack-list-frames", c.args(), Set.of("--no-frame-filters"), Set.of());
        int[] range = range(a.positional(), "-stack-list-frames");
        Target t = s.stoppedTarget();
        MiList stack = MiList.of();
        for (Frame f : frames(s, range[1] + 1)) {
            if (f.index() >= range[0] && f.index() <= range[1]) stack.result("frame", FrameFormat.frame(t, f, true, false));
        }
        return MiResult.done("stack", stack);
    }

    private static int[] range(List<String> p, String command) {
        if (p.isEmpty()) return new int[] {0, MAX_FRAMES - 1};
        if (p.size() != 2) throw new MiException(command + ": Usage: [--no-frame-filters] [LOW_FRAME HIGH_FRAME]");
        try {
            return new int[] {Integer.parseInt(p.get(0)), Integer.parseInt(p.get(1))};
        } catch (NumberFormatException e) {
            throw new MiException("Invalid number \"" + p.get(0) + " " + p.get(1) + "\".");
        }
    }

    static MiResult infoDepth(MiSession s, MiCommand c) {
        int max = c.args().isEmpty() ? MAX_FRAMES : Integer.parseInt(c.args().get(0));
        return MiResult.done("depth", frames(s, max).size());
    }

    static MiResult infoFrame(MiSession s, MiCommand c) {
        return MiResult.done("frame", FrameFormat.frame(s.stoppedTarget(), s.frame(), true, false));
    }

    static MiResult selectFrame(MiSession s, MiCommand c) {
        if (c.args().size() != 1) throw new MiException("-stack-select-frame: Usage: FRAME_SPEC");
        try {
            s.selectFrame(Integer.parseInt(c.args().get(0)));
        } catch (NumberFormatException e) {
            throw new MiException("Invalid frame level: " + c.args().get(0));
        }
        return MiResult.done();
    }

    /** 0/--no-values, 1/--all-values, 2/--simple-values. */
    static int printValues(String word, String usage) {
        return switch (word) {
            case "0", "--no-values" -> 0;
            case "1", "--all-values" -> 1;
            case "2", "--simple-values" -> 2;
            default -> throw new MiException("Unknown value for PRINT_VALUES: must be: 0 or \"--no-values\", "
                    + "1 or \"--all-values\", 2 or \"--simple-values\"");
        };
    }

    private static int printValuesOf(List<String> args, String command, String usage) {
        List<String> rest = new ArrayList<>();
        for (String w : args) if (!w.equals("--no-frame-filters") && !w.equals("--skip-unavailable")) rest.add(w);
        if (rest.isEmpty()) throw new MiException(command + ": Usage: " + usage);
        return printValues(rest.get(0), usage);
    }

    static MiResult listArguments(MiSession s, MiCommand c) {
        List<String> words = new ArrayList<>(c.args());
        words.removeIf(w -> w.equals("--no-frame-filters") || w.equals("--skip-unavailable"));
        if (words.isEmpty()) throw new MiException("-stack-list-arguments: Usage: PRINT_VALUES [--no-frame-filters] [--skip-unavailable] [LOW_FRAME HIGH_FRAME]");
        int pv = printValues(words.get(0), "");
        int[] range = range(words.subList(1, words.size()), "-stack-list-arguments");
        Target t = s.stoppedTarget();
        MiList out = MiList.of();
        for (Frame f : frames(s, range[1] + 1)) {
            if (f.index() < range[0] || f.index() > range[1]) continue;
            List<Variable> args = f.line() == null ? List.of() : t.frames().arguments(f);
            out.result("frame", MiTuple.of().add("level", f.index()).add("args", variables(args, pv, false)));
        }
        return MiResult.done("stack-args", out);
    }

    static MiResult listLocals(MiSession s, MiCommand c) {
        int pv = printValuesOf(c.args(), "-stack-list-locals", "[--no-frame-filters] [--skip-unavailable] PRINT_VALUES");
        Frame f = s.frame();
        return MiResult.done("locals", variables(f.line() == null ? List.of() : s.stoppedTarget().frames().locals(f), pv, false));
    }

    /**
     * Arguments then locals. gdb lists block by block (inner blocks' locals, then the function's
     * block with its parameters first); the engine does not say which block a local belongs to.
     */
    static MiResult listVariables(MiSession s, MiCommand c) {
        int pv = printValuesOf(c.args(), "-stack-list-variables", "[--no-frame-filters] [--skip-unavailable] PRINT_VALUES");
        Frame f = s.frame();
        Target t = s.stoppedTarget();
        MiList out = MiList.of();
        if (f.line() != null) {
            for (Variable v : t.frames().arguments(f)) out.value(variable(v, pv, true));
            for (Variable v : t.frames().locals(f)) out.value(variable(v, pv, false));
        }
        return MiResult.done("variables", out);
    }

    private static MiList variables(List<Variable> vars, int pv, boolean arg) {
        MiList l = MiList.of();
        for (Variable v : vars) {
            // without values gdb writes a list of name= results, not of tuples
            if (pv == 0) l.result("name", v.name());
            else l.value(variable(v, pv, arg));
        }
        return l;
    }

    static MiTuple variable(Variable v, int printValues, boolean arg) {
        MiTuple t = MiTuple.of().add("name", v.name());
        if (arg) t.add("arg", "1");
        if (printValues == 2) {
            t.add("type", v.type());
            if (VariableText.simple(v)) t.add("value", VariableText.value(v));
        } else if (printValues == 1) {
            t.add("value", VariableText.value(v));
        }
        return t;
    }
}
