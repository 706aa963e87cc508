package dev.hindsight.mi.session;

import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.TargetEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The debugged program's life in the session: started ({@code -exec-run}, a recording opened, in
 * the sandbox with {@code --confine}), attached to, a core dump adopted; its threads numbered and
 * breakpoints planted as it becomes the session's; its output pumped; detached, killed, or told
 * exited, and then forgotten.
 */
final class ProgramLifecycle {
    private final MiSession session;
    private ConfinedRuns confined;
    private Target target;
    /** The program is a process attached to, not started here. */
    private boolean attached;
    private List<OutputPump> pumps = List.of();

    ProgramLifecycle(MiSession session) {
        this.session = session;
    }

    Target target() {
        return target;
    }

    /** {@code --confine}: every run from now on in a sandbox (its files under {@code serverRoot}). */
    void confine(dev.hindsight.tracer.confine.Confinement confinement, Path serverRoot) {
        confined = new ConfinedRuns(confinement, serverRoot);
    }

    /** {@code -exec-run}: starts the program (again), plants the breakpoints, lets it run. */
    void run(List<String> args, Path program, Path trace) {
        if (program == null) throw new MiException("No executable file specified.\nUse the \"file\" or \"exec-file\" command.");
        if (target != null) {
            endProgram();
        }
        // On a terminal of its own (--tty, -inferior-tty-set) the program has it as its stdio and
        // controlling terminal, as with gdb; otherwise its output comes as @ records
        String tty = session.settings().get("inferior-tty");
        boolean onTty = tty != null && !tty.isEmpty();
        LaunchSpec spec = LaunchSpec.of(program).withArgs(args)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.PIPE, LaunchSpec.Stdio.PIPE)
                .withWorkingDirectory(session.programDirectory());
        if (onTty) spec = spec.withTerminal(LaunchSpec.Terminal.device(tty));
        spec = spec.withEnvironment(session.environmentForRun());
        if (confined != null) spec = confined.confine(spec, program, session.programDirectory(), session::environmentOver);
        Target t;
        try {
            if (trace != null) t = dev.hindsight.index.travel.OpenedRecording.open(trace);
            else {
                // held open until the program holds it: a front end's pty must never hang up between
                try (InferiorTty.Hold held = onTty ? InferiorTty.hold(tty, session.out()::log) : null) {
                    t = Target.launch(spec);
                }
            }
        } catch (MiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MiException("During startup program exited: " + e.getMessage());
        }
        attached = false;
        // Through the session thread, so the program's first words follow this command's ^running,
        // as gdb orders them, however fast the program is.
        pumps = onTty && trace == null ? List.of()
                : List.of(OutputPump.start(t.stdio().stdout(), "stdout", text -> session.post(() -> session.out().target(text))),
                        OutputPump.start(t.stdio().stderr(), "stderr", text -> session.post(() -> session.out().target(text))));
        adopt(t, tid -> { });
        session.resume(MiSession.Intent.CONTINUE, t.execution()::resume);
    }

    /**
     * A program started or attached to becomes the session's: its threads numbered, the
     * breakpoints planted; {@code announce} tells of each thread right after its
     * {@code =thread-created} (a core dump's "[New LWP N]").
     */
    private void adopt(Target t, java.util.function.IntConsumer announce) {
        target = t;
        session.runControl().forgetProgramState();
        ThreadNumbers threads = session.threadNumbers();
        threads.restart();
        t.addListener(event -> session.post(() -> session.runControl().onEvent(t, event)));
        session.out().notify("thread-group-started", MiTuple.of().add("id", "i1").add("pid", t.pid()));
        // Numbered in the target's order: the leader first, or a core dump's thread that died first, as gdb does
        List<Integer> tids = new ArrayList<>(t.threads());
        if (!tids.contains(t.pid())) tids.add(0, t.pid());
        for (int tid : tids) {
            session.out().notify("thread-created", MiTuple.of().add("id", threads.add(tid)).add("group-id", "i1"));
            announce.accept(tid);
        }
        for (MiBreakpoint bp : session.breakpoints().all()) {
            if (!bp.enabled) continue;
            String before = bp.toTuple().toString();
            Breakpoints.arm(bp, t);
            // told only when its location changed (the first run relocates it), as gdb does
            if (!bp.toTuple().toString().equals(before)) session.out().notify("breakpoint-modified", MiTuple.of().add("bkpt", bp.toTuple()));
        }
        session.libraries().reset();
        session.libraries().update(t);
    }

    /**
     * {@code attach PID}: the process stops where it is (all its threads) and is debugged as a
     * started one; its stdio stays its own. gdb reports the stop without a reason, after the
     * command's {@code ^done}; without a program file, the process's executable becomes it.
     */
    void attach(int pid, boolean console) {
        if (target != null) throw new MiException("A program is being debugged already.");
        if (console) {
            session.out().console(session.program() != null ? "Attaching to program: " + session.program() + ", process " + pid + "\n"
                    : "Attaching to process " + pid + "\n");
        }
        Target t;
        try {
            t = Target.attach(pid);
        } catch (RuntimeException e) {
            String why = String.valueOf(e.getMessage());
            throw new MiException(why.contains("no process") ? "ptrace: No such process." : "ptrace: " + why);
        }
        attached = true;
        pumps = List.of();
        adopt(t, tid -> { });
        if (session.program() == null) {
            try {
                session.setProgram(Path.of("/proc/" + pid + "/exe").toRealPath());
                session.out().console("Reading symbols from " + session.program() + "...\n");
            } catch (java.io.IOException | MiException e) {
                // debugged without a program file: no symbols of its own
            }
        }
        session.runControl().expectStopShown();
        StopEvent.Stopped stop = new StopEvent.Stopped(StopEvent.Reason.PAUSE, t.currentThread(), t.registers().current().rip(), null,
                java.util.OptionalLong.empty(), List.of());
        session.post(() -> {
            if (t != target) return;
            session.selection().resetFrame();
            session.stops().attached(stop);
            session.runControl().stopReported();
        });
    }

    /** A core dump opened by {@link CoreFiles} becomes the program (whatever was debugged before is killed). */
    void adoptCore(Target t, java.util.function.IntConsumer announce) {
        endProgram();
        attached = false;
        pumps = List.of();
        adopt(t, announce);
        session.selection().resetFrame();
    }

    /** The end of the session ({@code -gdb-exit}, {@code quit}): gdb detaches from a process it attached to and kills one it started. */
    void quit() {
        if (attached()) {
            try {
                detach(false);
                return;
            } catch (MiException e) {
                // running: killed below
            }
        }
        endProgram();
    }

    /** Whether the program was attached to (gdb detaches from it at the end, and kill kills it). */
    boolean attached() {
        return target != null && attached;
    }

    /** {@code detach}: the process runs on, untraced, with Hindsight's breakpoints taken out. */
    void detach(boolean console) {
        Target t = target;
        if (t == null || t.state() == Target.State.EXITED) throw new MiException("The program is not being run.");
        if (!attached) throw new MiException("Hindsight detaches only from a process it attached to (attach PID); kill ends this one.");
        if (t.state() == Target.State.RUNNING) throw new MiException("Cannot execute this command while the selected thread is running.");
        if (console) session.out().console("Detaching from program: " + session.program() + ", process " + t.pid() + "\n");
        int pid = t.pid();
        forgetProgram(); // closing an attached target detaches from it
        session.out().notify("thread-group-exited", MiTuple.of().add("id", "i1"));
        session.out().console("[Inferior 1 (process " + pid + ") detached]\n");
        attached = false;
        session.threadNumbers().restart();
    }

    /** The program exited: told after its last output, then forgotten. */
    void exited(Target t, TargetEvent.Exited x) {
        CompletableFuture.allOf(pumps.stream().map(OutputPump::done).toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, 2, java.util.concurrent.TimeUnit.SECONDS)
                .thenRun(() -> session.post(() -> {
                    if (t != target) return;
                    if (confined != null) {
                        confined.limitReached(x.exit()).ifPresent(why -> session.out().console("[program stopped: " + why + "]\n"));
                    }
                    session.stops().exited(t, x.exit());
                    forgetProgram();
                    session.runControl().stopReported();
                }));
    }

    /** {@code kill}: the program is killed and forgotten, as gdb's {@code kill} does. */
    void endProgram() {
        Target t = target;
        if (t == null) return;
        if (attached) {
            try {
                t.kill(); // closing would detach and leave it running
            } catch (RuntimeException e) {
                // gone already
            }
            attached = false;
        }
        forgetProgram();
        session.out().notify("thread-group-exited", MiTuple.of().add("id", "i1"));
        t.close();
        session.runControl().programEnded();
    }

    private void forgetProgram() {
        Target t = target;
        target = null;
        session.runControl().forgetProgramState();
        for (MiBreakpoint bp : session.breakpoints().all()) bp.engineId = null;
        for (var e : session.threadNumbers().all().entrySet()) {
            session.out().notify("thread-exited", MiTuple.of().add("id", e.getValue()).add("group-id", "i1"));
        }
        session.threadNumbers().restart();
        session.varObjects().clear();
        if (t != null) {
            try {
                t.close();
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }

    /** Kills the program, if any, at the end of the session. */
    void close() {
        if (target != null) {
            try {
                target.close();
            } catch (RuntimeException e) {
                // gone already
            }
            target = null;
        }
        if (confined != null) confined.close();
    }
}
