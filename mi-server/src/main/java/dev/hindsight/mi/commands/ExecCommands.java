package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiArgs;
import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.mi.session.MiBreakpoint;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.mi.session.SourceLocations;
import dev.hindsight.mi.session.MiSession.Intent;
import dev.hindsight.tracer.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** -exec-run (--start), continue, next, step, next/step-instruction, finish, interrupt. */
final class ExecCommands {
    private ExecCommands() {}

    static MiResult run(MiSession s, MiCommand c) {
        MiArgs a = MiArgs.parse("-exec-run", c.args(), Set.of("--start", "--all"), Set.of("--thread-group"));
        if (a.has("--start")) {
            // gdb plants a temporary breakpoint on main and says so
            MiBreakpoint bp = s.breakpoints().create("main", null, "main");
            bp.configure(true, null, 0, true);
            s.placement().insertBreakpoint(bp, false);
            MiTuple t = bp.toTuple();
            s.out().notify("breakpoint-created", MiTuple.of().add("bkpt", t));
        }
        s.run(splitArgs(s.settings().get("args")));
        return MiResult.running();
    }

    static MiResult cont(MiSession s, MiCommand c) {
        MiArgs.parse("-exec-continue", c.args(), Set.of("--all", "--reverse"), Set.of("--thread-group"));
        if (ReverseExecution.wanted(s, c.args().contains("--reverse"))) return ReverseExecution.run(s, "-exec-continue");
        Target t = s.resumableTarget();
        s.resume(Intent.CONTINUE, t.execution()::resume);
        return MiResult.running();
    }

    static MiResult next(MiSession s, MiCommand c) {
        return lineOrInstruction(s, c, "-exec-next", t -> t.execution().stepLine());
    }

    static MiResult step(MiSession s, MiCommand c) {
        return lineOrInstruction(s, c, "-exec-step", t -> t.execution().stepIntoLine());
    }

    static MiResult nextInstruction(MiSession s, MiCommand c) {
        return lineOrInstruction(s, c, "-exec-next-instruction", t -> t.execution().stepOverInstruction());
    }

    static MiResult stepInstruction(MiSession s, MiCommand c) {
        return lineOrInstruction(s, c, "-exec-step-instruction", t -> t.execution().stepInstruction());
    }

    /** A step command: forwards as {@code forwards} says, or backwards when asked ({@link ReverseExecution}). */
    private static MiResult lineOrInstruction(MiSession s, MiCommand c, String name,
                                              java.util.function.Function<Target, java.util.concurrent.CompletableFuture<dev.hindsight.tracer.StopEvent>> forwards) {
        if (reverse(s, c, name)) return ReverseExecution.run(s, name);
        Target t = stepping(s, c, name);
        s.resume(Intent.STEP, () -> forwards.apply(t));
        return MiResult.running();
    }

    static MiResult finish(MiSession s, MiCommand c) {
        if (reverse(s, c, "-exec-finish")) return ReverseExecution.run(s, "-exec-finish");
        Target t = stepping(s, c, "-exec-finish");
        int level = s.selectedFrameLevel();
        if (t.frames().backtrace(t.currentThread(), level + 2).size() < level + 2) throw new MiException("\"finish\" not meaningful in the outermost frame.");
        // a console finish says which frame it runs out of, as gdb's does, before it resumes
        if (s.consoleCommand()) s.out().console("Run till exit from " + dev.hindsight.mi.session.FrameFormat.consoleLine(t, s.frame()) + "\n");
        int tid = t.currentThread();
        s.resume(Intent.FINISH, () -> t.execution().stepOut(tid, level));
        return MiResult.running();
    }

    /**
     * {@code -exec-until [LOCATION]}: without one, {@code -exec-next} that does not go back (a loop
     * is run to its end); with one, runs to it in the selected frame ({@code location-reached}), or
     * until that frame returns, or to the first breakpoint or signal before either.
     */
    static MiResult until(MiSession s, MiCommand c) {
        stepping(s, c, "-exec-until");
        if (c.args().isEmpty()) {
            s.untilNextLine();
        } else {
            s.untilLocation(SourceLocations.address(s, String.join(" ", c.args())), false);
        }
        return MiResult.running();
    }

    /** Console {@code advance LOCATION}: as {@code until LOCATION}, but the location stops in any frame. */
    static MiResult advance(MiSession s, MiCommand c) {
        stepping(s, c, "advance");
        if (c.args().isEmpty()) throw new MiException("Argument required (a location).");
        s.untilLocation(SourceLocations.address(s, String.join(" ", c.args())), true);
        return MiResult.running();
    }

    /** {@code -exec-jump LOCATION}: the program goes on from LOCATION's address (the pc is set, nothing runs before). */
    static MiResult jump(MiSession s, MiCommand c) {
        if (c.args().isEmpty()) throw new MiException("-exec-jump: Usage: -exec-jump LOCATION");
        s.resumableTarget();
        s.jumpTo(SourceLocations.address(s, String.join(" ", c.args())));
        return MiResult.running();
    }

    /** DWARF's numbering of the x86-64 general registers, as a caller frame's recovered registers are keyed. */
    private static final String[] DWARF_REGISTERS = {"rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};

    /**
     * {@code -exec-return [EXPR]}: pops the selected frame (and those below it) without running
     * it: the caller's recovered registers come back, the stack pointer is the popped frame's CFA,
     * the pc its return address; EXPR goes where the function's return type says (see
     * {@link ReturnValue}). gdb answers the new frame 0.
     */
    static MiResult ret(MiSession s, MiCommand c) {
        dev.hindsight.tracer.Target t = s.stoppedTarget();
        int tid = t.currentThread();
        int level = s.selectedFrameLevel();
        java.util.List<dev.hindsight.tracer.stack.Frame> frames = t.frames().backtrace(tid, level + 2);
        if (frames.size() < level + 2) throw new MiException("Can not force return from the outermost frame.");
        dev.hindsight.tracer.stack.Frame popped = frames.get(level);
        dev.hindsight.tracer.stack.Frame caller = frames.get(level + 1);
        if (popped.inlined() || caller.tailCall()) throw new MiException("Hindsight returns only from a frame of its own");
        ReturnValue value = c.args().isEmpty() ? null : ReturnValue.of(t, popped, s.frame(), c.rest());
        for (var e : caller.registers().entrySet()) {
            if (e.getKey() < DWARF_REGISTERS.length) t.registers().set(tid, DWARF_REGISTERS[e.getKey()], e.getValue());
        }
        t.registers().set(tid, "rsp", popped.cfa());
        t.registers().set(tid, "rip", caller.pc());
        if (value != null) value.store(t, tid);
        s.pcMoved(caller.pc());
        s.selectFrame(0);
        return MiResult.done("frame", dev.hindsight.mi.session.FrameFormat.frame(t, t.frames().backtrace(tid, 1).get(0), true, true));
    }

    static MiResult interrupt(MiSession s, MiCommand c) {
        s.interrupt();
        return MiResult.done();
    }

    private static Target stepping(MiSession s, MiCommand c, String name) {
        MiArgs.parse(name, c.args(), Set.of("--reverse", "--all"), Set.of());
        return s.resumableTarget();
    }

    /** Whether a stepping command goes backwards ({@code --reverse}, or {@code exec-direction} reverse). */
    private static boolean reverse(MiSession s, MiCommand c, String name) {
        MiArgs a = MiArgs.parse(name, c.args(), Set.of("--reverse", "--all"), Set.of());
        return ReverseExecution.wanted(s, a.has("--reverse"));
    }

    /** gdb's argument string split as a shell would split it (quotes and backslashes). */
    static List<String> splitArgs(String line) {
        List<String> out = new ArrayList<>();
        if (line == null) return out;
        StringBuilder cur = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quote != 0) {
                if (ch == quote) quote = 0;
                else if (ch == '\\' && quote == '"' && i + 1 < line.length()) cur.append(line.charAt(++i));
                else cur.append(ch);
            } else if (Character.isWhitespace(ch)) {
                if (cur != null) out.add(cur.toString());
                cur = null;
            } else {
                if (cur == null) cur = new StringBuilder();
                if (ch == '\'' || ch == '"') quote = ch;
                else if (ch == '\\' && i + 1 < line.length()) cur.append(line.charAt(++i));
                else cur.append(ch);
            }
        }
        if (cur != null) out.add(cur.toString());
        return out;
    }
}
