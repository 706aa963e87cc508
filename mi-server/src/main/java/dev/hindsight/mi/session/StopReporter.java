package dev.hindsight.mi.session;

import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.Signal;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.TargetEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the engine's stops into gdb's records: applies the breakpoint policy the engine does not
 * keep (enabled, condition, ignore count, hit count, temporary), picks gdb's reason from why the
 * program was resumed, and writes the console lines, {@code =breakpoint-modified} and
 * {@code *stopped} in gdb's order.
 */
final class StopReporter {
    private final MiSession session;

    StopReporter(MiSession session) {
        this.session = session;
    }

    /** Reports a stop; false when the policy let the program go on instead (nothing reported). */
    boolean stopped(TargetEvent.Stopped event) {
        Target t = session.target();
        StopEvent.Stopped stop = event.stop();
        List<MiBreakpoint> hit = session.breakpoints().byEngineIds(event.breakpointIds());
        List<MiBreakpoint> stopping = new ArrayList<>();
        java.util.Map<MiBreakpoint, String> watchOld = new java.util.HashMap<>();
        for (MiBreakpoint bp : hit) {
            if (!bp.enabled || !conditionHolds(t, bp)) continue;
            if (bp.kind == MiBreakpoint.Kind.WATCH) {
                String now = watchedValue(t, bp);
                boolean changed = !now.equals(bp.watchValue);
                // x86 watches writes or any access: gdb reports a write watchpoint when the value
                // changed, a read one when it did not (a write is not a read)
                if (changed == bp.watchType.equals("read watchpoint")) {
                    bp.watchValue = now;
                    continue;
                }
                watchOld.put(bp, bp.watchValue);
                bp.watchValue = now;
            }
            bp.times++;
            if (bp.ignoreCount > 0) {
                bp.ignoreCount--;
            } else {
                stopping.add(bp);
            }
            session.out().notify("breakpoint-modified", MiTuple.of().add("bkpt", bp.toTuple()));
            if (bp.dprintf != null && stopping.remove(bp) && !printDprintf(t, bp, stop.tid())) stopping.add(bp);
        }
        MiSession.Intent intent = session.runControl().intent();
        if (stopping.isEmpty() && stop.reason() != StopEvent.Reason.SIGNAL && session.runControl().solibEvent(event.breakpointIds())) {
            SolibEvents.report(session, session.runControl().libraryChanges(), stop.tid(), core(t.pid(), stop.tid()));
            return true;
        }
        if (!hit.isEmpty() && stopping.isEmpty() && intent == MiSession.Intent.CONTINUE) {
            session.runControl().resumeQuietly(); // a breakpoint whose condition or ignore count says go on
            return false;
        }
        if (stop.reason() == StopEvent.Reason.BREAKPOINT && hit.isEmpty() && intent == MiSession.Intent.CONTINUE) {
            session.runControl().resumeQuietly(); // an engine breakpoint of a disabled or deleted one
            return false;
        }
        if (Breakpoints.stoppedSilently(session, stopping)) return true;
        int tid = stop.tid();
        Frame f = t.frames().backtrace(tid, 1).get(0);
        MiTuple r = MiTuple.of();
        boolean finished = false;
        if (!stopping.isEmpty() && stopping.get(0).kind == MiBreakpoint.Kind.WATCH) {
            watchTriggered(r, stopping.get(0), watchOld.get(stopping.get(0)));
            session.out().console((t.symbols().sourceAt(f.pc()).map(p -> p.statementStart()).orElse(false) ? "" : Numbers.hex16(f.pc()) + " in ") + FrameFormat.describe(t, f) + "\n");
        } else if (!stopping.isEmpty()) {
            MiBreakpoint bp = stopping.get(0);
            r.add("reason", "breakpoint-hit").add("disp", bp.temporary ? "del" : "keep").add("bkptno", bp.number);
            session.out().console("\n");
            session.out().console((bp.temporary ? "Temporary breakpoint " : "Breakpoint ") + bp.number + ", "
                    + FrameFormat.describe(t, f) + "\n");
        } else if (stop.reason() == StopEvent.Reason.END_OF_HISTORY || session.reversing() && stop.reason() == StopEvent.Reason.ENTRY) {
            // an edge of the recording: gdb's *stopped then has no reason, its console says why
            session.out().console("\nNo more reverse-execution history.\n");
        } else if (stop.reason() == StopEvent.Reason.SIGNAL && stop.signal() != null) {
            signal(r, stop.signal());
            session.out().console("\nProgram received signal " + stop.signal().name() + ", " + stop.signal().description() + ".\n");
        } else if (intent == MiSession.Intent.INTERRUPT || stop.reason() == StopEvent.Reason.PAUSE) {
            signal(r, Signal.of(2));
            session.out().console("\nProgram received signal SIGINT, Interrupt.\n");
        } else if (intent == MiSession.Intent.FINISH) {
            r.add("reason", "function-finished");
            finished = true;
        } else if (intent == MiSession.Intent.UNTIL) {
            r.add("reason", "location-reached");
        } else {
            r.add("reason", "end-stepping-range");
        }
        // gdb shows the source line of a stop an MI stepping command ended normally only to console commands
        boolean quietStep = !session.runControl().resumedFromConsole() && stopping.isEmpty() && stop.reason() != StopEvent.Reason.SIGNAL
                && (intent == MiSession.Intent.STEP || intent == MiSession.Intent.FINISH || intent == MiSession.Intent.UNTIL);
        // gdb's console shows where a stop is, not only its line, unless a step ended in the frame and function it began in
        boolean ownLines = !stopping.isEmpty() || stop.reason() == StopEvent.Reason.SIGNAL
                || intent == MiSession.Intent.INTERRUPT || stop.reason() == StopEvent.Reason.PAUSE;
        boolean sameFrame = intent == MiSession.Intent.STEP && f.cfa() == session.runControl().stepStartCfa()
                && java.util.Objects.equals(f.function(), session.runControl().stepStartFunction());
        boolean atLineStart = t.symbols().sourceAt(f.pc()).map(p -> p.statementStart()).orElse(false);
        if (session.runControl().resumedFromConsole() && !ownLines && !sameFrame) {
            session.out().console((atLineStart ? "" : Numbers.hex16(f.pc()) + " in ") + FrameFormat.describe(t, f) + "\n");
        }
        // only the line shown (a console stepi/nexti in the same function): gdb puts the pc before
        // it when the stop is inside the line (print_frame_info's mid_statement)
        boolean midStatement = session.runControl().resumedFromConsole() && !ownLines && sameFrame && !atLineStart;
        if (f.line() != null && !quietStep) {
            String text = FrameFormat.sourceLine(f.line().file(), f.line().line());
            if (text != null) session.out().console((midStatement ? Numbers.hex16(f.pc()) + "\t" : "") + f.line().line() + "\t" + text + "\n");
        }
        // gdb shows the displays after the stop's line, at every stop
        String displayed = session.displays().atStop(session);
        if (!displayed.isEmpty()) session.out().console(displayed);
        r.add("frame", FrameFormat.frame(t, f, false, true));
        // a breakpoint where the finished function returned to: gdb tells of both, the value on its console too
        boolean finishedAtBreakpoint = !finished && !stopping.isEmpty() && intent == MiSession.Intent.FINISH
                && stopping.get(0).kind != MiBreakpoint.Kind.WATCH && t.execution().lastReturnValue().isPresent();
        if (finished || finishedAtBreakpoint) {
            FinishValue.of(t, tid).ifPresent(v -> {
                String var = "$" + session.nextValueNumber();
                if (session.runControl().resumedFromConsole() || finishedAtBreakpoint) session.out().console("Value returned is " + var + " = " + v + "\n");
                r.add("gdb-result-var", var).add("return-value", v);
            });
        }
        r.add("thread-id", session.threadNumber(tid)).add("stopped-threads", "all");
        String core = core(t.pid(), tid);
        if (core != null) r.add("core", core);
        session.out().exec("stopped", r);
        Breakpoints.runCommands(session, stopping);
        for (MiBreakpoint bp : stopping) {
            if (bp.temporary) session.placement().deleteBreakpoint(bp, true);
        }
        return true;
    }

    /** The stop of an attach: where the process was, shown as gdb shows it, and {@code *stopped} without a reason. */
    void attached(StopEvent.Stopped stop) {
        Target t = session.target();
        Frame f = t.frames().backtrace(stop.tid(), 1).get(0);
        boolean atLineStart = t.symbols().sourceAt(f.pc()).map(p -> p.statementStart()).orElse(false);
        session.out().console((atLineStart ? "" : Numbers.hex16(f.pc()) + " in ") + FrameFormat.describe(t, f) + "\n");
        if (f.line() != null) {
            String text = FrameFormat.sourceLine(f.line().file(), f.line().line());
            if (text != null) session.out().console(f.line().line() + "\t" + text + "\n");
        }
        MiTuple r = MiTuple.of().add("frame", FrameFormat.frame(t, f, false, true));
        r.add("thread-id", session.threadNumber(stop.tid())).add("stopped-threads", "all");
        String core = core(t.pid(), stop.tid());
        if (core != null) r.add("core", core);
        session.out().exec("stopped", r);
    }

    private static void signal(MiTuple r, Signal s) {
        r.add("reason", "signal-received").add("signal-name", s.name()).add("signal-meaning", s.description());
    }

    /** A dprintf's hit: its text on the console stream, as gdb's default dprintf-style writes it; an error stops as gdb's does. */
    private boolean printDprintf(Target t, MiBreakpoint bp, int tid) {
        try {
            session.out().console(bp.dprintf.render(t, t.frames().backtrace(tid, 1).get(0)));
            return true;
        } catch (RuntimeException e) {
            session.out().log(e.getMessage() + "\n");
            return false;
        }
    }

    /** A condition that cannot be evaluated stops, as gdb's does (it says why). */
    private static String watchedValue(Target t, MiBreakpoint bp) {
        try {
            return t.frames().evaluate(bp.spec, t.frames().backtrace(t.currentThread(), 1).get(0)).value();
        } catch (RuntimeException e) {
            return "<unreadable>";
        }
    }

    /** gdb's reason, watchpoint tuple, value tuple and console lines for a watchpoint that triggered. */
    private void watchTriggered(MiTuple r, MiBreakpoint bp, String old) {
        String now = bp.watchValue;
        boolean changed = !now.equals(old);
        String reason = switch (bp.watchType) {
            case "read watchpoint" -> "read-watchpoint-trigger";
            case "acc watchpoint" -> "access-watchpoint-trigger";
            default -> "watchpoint-trigger";
        };
        String title = switch (bp.watchType) {
            case "read watchpoint" -> "Hardware read watchpoint ";
            case "acc watchpoint" -> "Hardware access (read/write) watchpoint ";
            default -> "Hardware watchpoint ";
        };
        r.add("reason", reason).add(bp.watchResultName(), bp.watchTuple());
        session.out().console("\n");
        session.out().console(title + bp.number + ": " + bp.spec + "\n");
        if (changed) {
            r.add("value", MiTuple.of().add("old", old).add("new", now));
            // gdb's records split where its printer flushes
            session.out().console("\nOld value = ");
            session.out().console(old + "\nNew value = ");
            session.out().console(now + "\n");
        } else {
            r.add("value", MiTuple.of().add("value", now));
            session.out().console("\nValue = ");
            session.out().console(now + "\n");
        }
    }

    private boolean conditionHolds(Target t, MiBreakpoint bp) {
        if (bp.condition == null) return true;
        try {
            Frame f = t.frames().backtrace(t.currentThread(), 1).get(0);
            return truthy(t.frames().evaluate(bp.condition, f).value());
        } catch (RuntimeException e) {
            session.out().console("Error in testing condition for breakpoint " + bp.number + ":\n" + e.getMessage() + "\n");
            return true;
        }
    }

    static boolean truthy(String value) {
        String v = value.strip();
        if (v.startsWith("false")) return false;
        if (v.startsWith("true")) return true;
        Long n = Numbers.leadingNumber(v);
        if (n != null) return n != 0;
        try {
            return Double.parseDouble(v.split("\\s")[0]) != 0;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** The last run's exit code as gdb writes it (octal), null when it was killed by a signal. */
    private String exitCode;
    /** The run that ended with it: a later run's target is another. */
    private Target exitedTarget;

    String exitCode(Target now) { return now == null || now == exitedTarget || now.state() == Target.State.EXITED ? exitCode : null; }

    void exited(Target t, StopEvent.Exited exit) {
        MiTuple group = MiTuple.of().add("id", "i1");
        exitedTarget = t;
        exitCode = exit.killedBySignal() ? null : exit.exitCode() == 0 ? "0" : Numbers.octal(exit.exitCode());
        MiTuple r = MiTuple.of();
        if (exit.killedBySignal()) {
            Signal s = exit.signal();
            session.out().console("\nProgram terminated with signal " + s.name() + ", " + s.description() + ".\n");
            session.out().console("The program no longer exists.\n");
            r.add("reason", "exited-signalled").add("signal-name", s.name()).add("signal-meaning", s.description());
        } else if (exit.exitCode() == 0) {
            session.out().console("[Inferior 1 (process " + t.pid() + ") exited normally]\n");
            group.add("exit-code", "0");
            r.add("reason", "exited-normally");
        } else {
            String code = Numbers.octal(exit.exitCode());
            session.out().console("[Inferior 1 (process " + t.pid() + ") exited with code " + code + "]\n");
            group.add("exit-code", code);
            r.add("reason", "exited").add("exit-code", code);
        }
        for (int n : session.threadNumbers().all().values()) {
            session.out().notify("thread-exited", MiTuple.of().add("id", n).add("group-id", "i1"));
        }
        session.threadNumbers().restart();
        session.out().notify("thread-group-exited", group);
        session.out().exec("stopped", r);
    }

    /** The CPU the thread last ran on (field 39 of /proc/PID/task/TID/stat), as gdb reports it. */
    static String core(int pid, int tid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/task/" + tid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return f[36];
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
