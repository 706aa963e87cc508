package dev.hindsight.mi.session;

import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiOutput;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.TargetEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * One gdb session: what to debug, gdb's settings, breakpoints, thread numbers, the selected
 * thread and frame, and the running program. Everything here runs on the session's one thread
 * ({@link #post}): commands and the engine's events alike, so no state is shared between threads.
 */
public final class MiSession {
    /** Why the program was resumed: decides the {@code *stopped} reason. */
    public enum Intent { CONTINUE, STEP, FINISH, INTERRUPT, UNTIL }

    private final MiOutput out;
    private final Settings settings = new Settings();
    private final Breakpoints breakpoints = new Breakpoints();
    private final ThreadNumbers threads = new ThreadNumbers();
    private final VarObjects varObjects = new VarObjects(this);
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mi-session");
        t.setDaemon(true);
        return t;
    });
    private final StopReporter stops = new StopReporter(this);
    private final Placement placement = new Placement(this);
    private Path program;
    /** A recorded and built run this session serves instead of starting the program ({@code --trace}); null: live. */
    private Path trace;
    /** Whether the running request goes backwards (a breakpoint whose condition is false is passed backwards). */
    private boolean reversing;
    private Path workingDirectory;
    private ConfinedRuns confined;
    private Target target;
    private boolean nativeTargetSelected;
    /** The program is a process attached to, not started here. */
    private boolean attached;
    /** Frame 0 where the resumption under way began: a step that ends elsewhere shows its frame (gdb's SRC_AND_LOC). */
    private long stepStartCfa;
    private String stepStartFunction;
    /** An until under way, whose intermediate stops are not reported; null otherwise. */
    private UntilStops until;
    /** What {@code list} printed last (file, first and last line), for the next {@code list} and {@code list -}; null after a stop. */
    private Listing listing;
    /** The engine breakpoint of ld.so's solib events ({@link SolibEvents}); -1: none. */
    private int solibEventBreakpoint = -1;
    /** Whether {@link #solibEventBreakpoint} was looked for in this program (a static one has none). */
    private boolean solibEventsPlanted;
    /** The libraries the last stop found unloaded and loaded. */
    private LibraryNotices.Changes libraryChanges = LibraryNotices.Changes.NONE;

    /** Lines a {@code list} printed. */
    public record Listing(String file, int first, int last) {}
    /** {@code set environment}, {@code unset environment}: the next runs' environment. */
    private final ProgramEnvironment environment = new ProgramEnvironment();
    /** The command being run came from the console (a CLI line), not an MI command. */
    private boolean consoleCommand;
    /** The resumption under way was asked for by a console command: gdb then shows the stop's source line. */
    private boolean resumedFromConsole;
    private List<OutputPump> pumps = List.of();
    private Intent intent = Intent.CONTINUE;
    private int selectedFrame;
    private int valueHistory;
    private Target snapshotTarget;
    private String[] registerSnapshot;
    /** Completes when the resumption under way has been reported stopped (or the program ended). */
    private CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);

    private final LibraryNotices libraries;

    public MiSession(MiOutput out) {
        this.out = out;
        this.libraries = new LibraryNotices(out);
    }

    public MiOutput out() {
        return out;
    }

    /** {@code --confine}: every run from now on in a sandbox (its files under {@code serverRoot}). */
    public void confine(dev.hindsight.tracer.confine.Confinement confinement, Path serverRoot) {
        confined = new ConfinedRuns(confinement, serverRoot);
    }

    public Settings settings() {
        return settings;
    }

    public Breakpoints breakpoints() {
        return breakpoints;
    }

    public VarObjects varObjects() {
        return varObjects;
    }

    ThreadNumbers threadNumbers() {
        return threads;
    }

    /** Runs {@code task} on the session's thread. */
    public CompletableFuture<Void> post(Runnable task) {
        return CompletableFuture.runAsync(task, thread);
    }

    /** Completes when no resumption is waiting to be reported. */
    public CompletableFuture<Void> stoppedFuture() {
        return stopped;
    }

    // ---- the program -------------------------------------------------------------------------

    public Path program() {
        return program;
    }

    /**
     * Serves a recorded run: its executable becomes the program, and {@code -exec-run} opens the
     * recording (at its first instruction, then forwards) instead of starting a process.
     */
    public void serveTrace(Path dir) {
        if (!dev.hindsight.index.travel.OpenedRecording.isBuilt(dir)) {
            throw new MiException(dir + " has no index: run hindsight build " + dir + " first (reverse execution needs it)");
        }
        var recorded = dev.hindsight.tracer.replay.RecordedTrace.open(dir);
        trace = dir.toAbsolutePath().normalize();
        program = recorded.executable();
    }

    /** Whether this session serves a recording (reverse execution is possible). */
    public boolean servesTrace() {
        return trace != null;
    }

    /** Whether the request that is running (or last ran) goes backwards. */
    public boolean reversing() {
        return reversing;
    }

    /** Starts a resumption backwards; as {@link #resume}. */
    public void resumeBackwards(Intent why, Supplier<CompletableFuture<StopEvent>> op) {
        resume(why, true, op);
    }

    public void setProgram(Path p) {
        if (!Files.isRegularFile(p)) throw new MiException(p + ": No such file or directory.");
        program = p.toAbsolutePath().normalize();
    }

    public void setWorkingDirectory(Path dir) {
        if (!Files.isDirectory(dir)) throw new MiException(dir + ": No such file or directory.");
        workingDirectory = dir.toAbsolutePath().normalize();
    }

    public Path workingDirectory() {
        return workingDirectory != null ? workingDirectory : Path.of("").toAbsolutePath();
    }

    /** The live program, or null. */
    public Target target() {
        return target;
    }

    public boolean running() {
        return target != null && target.state() == Target.State.RUNNING;
    }

    /** The program, stopped, for commands that read it; gdb's errors otherwise. */
    public Target stoppedTarget() {
        if (target == null || target.state() == Target.State.EXITED) throw new MiException("No registers.");
        if (target.state() == Target.State.RUNNING) throw new MiException("Selected thread is running.");
        return target;
    }

    /**
     * The program, stopped or running, for commands that read or write its memory (gdb reads a
     * running program's memory on Linux, {@link Target#readMemoryAnyTime}); gdb's errors otherwise.
     */
    public Target memoryTarget() {
        return running() ? target : stoppedTarget();
    }

    /** The program, stopped, for execution commands. */
    public Target resumableTarget() {
        if (target == null || target.state() == Target.State.EXITED || target.postMortem().isPresent()) {
            throw new MiException("The program is not being run.");
        }
        if (target.state() == Target.State.RUNNING) {
            throw new MiException("Cannot execute this command while the selected thread is running.");
        }
        return target;
    }

    // ---- threads and frames -------------------------------------------------------------------

    public int threadNumber(int tid) {
        return threads.number(tid);
    }

    /** Selects a thread by gdb's number. */
    public void selectThread(int number) {
        Target t = stoppedTarget();
        int tid = threads.tid(number).orElseThrow(() -> new MiException("Thread ID " + number + " not known."));
        t.selectThread(tid);
        selectedFrame = 0;
    }

    public int selectedFrameLevel() {
        return selectedFrame;
    }

    public void selectFrame(int level) {
        List<Frame> frames = stoppedTarget().backtrace(target.currentThread(), level + 1);
        if (level < 0 || level >= frames.size()) throw new MiException("No frame at level " + level + ".");
        selectedFrame = level;
    }

    /** The selected frame of the selected thread. */
    public Frame frame() {
        Target t = stoppedTarget();
        List<Frame> frames = t.backtrace(t.currentThread(), selectedFrame + 1);
        if (frames.isEmpty()) throw new MiException("No stack.");
        return frames.get(Math.min(selectedFrame, frames.size() - 1));
    }

    /** The next {@code $N} of gdb's value history. */
    public int nextValueNumber() {
        return ++valueHistory;
    }

    /**
     * Swaps in the register values just read for {@code -data-list-changed-registers}; returns the
     * previous ones, or null when there are none for this program (then every register counts as changed).
     */
    public String[] registerSnapshot(Target t, String[] now) {
        String[] before = snapshotTarget == t ? registerSnapshot : null;
        snapshotTarget = t;
        registerSnapshot = now;
        return before;
    }

    // ---- run control ----------------------------------------------------------------------------

    /** {@code -exec-run}: starts the program (again), plants the breakpoints, lets it run. */
    public void run(List<String> args) {
        if (program == null) throw new MiException("No executable file specified.\nUse the \"file\" or \"exec-file\" command.");
        if (target != null) {
            endProgram();
        }
        // On a terminal of its own (--tty, -inferior-tty-set) the program has it as its stdio and
        // controlling terminal, as with gdb; otherwise its output comes as @ records
        String tty = settings.get("inferior-tty");
        boolean onTty = tty != null && !tty.isEmpty();
        LaunchSpec spec = LaunchSpec.of(program).withArgs(args)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.PIPE, LaunchSpec.Stdio.PIPE)
                .withWorkingDirectory(workingDirectory());
        if (onTty) spec = spec.withTerminal(LaunchSpec.Terminal.device(tty));
        spec = spec.withEnvironment(environmentForRun());
        if (confined != null) spec = confined.confine(spec, program, workingDirectory(), this::environmentOver);
        Target t;
        try {
            if (trace != null) t = dev.hindsight.index.travel.OpenedRecording.open(trace);
            else {
                if (onTty) InferiorTty.check(tty, out::log);
                t = Target.launch(spec);
            }
        } catch (MiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MiException("During startup program exited: " + e.getMessage());
        }
        attached = false;
        // Through the session thread, so the program's first words follow this command's ^running,
        // as gdb orders them, however fast the program is.
        pumps = onTty && trace == null ? List.of() : List.of(OutputPump.start(t.stdio().stdout(), "stdout", text -> post(() -> out.target(text))),
                OutputPump.start(t.stdio().stderr(), "stderr", text -> post(() -> out.target(text))));
        adopt(t);
        resume(Intent.CONTINUE, t::resume);
    }

    /** A program started or attached to becomes the session's: its threads numbered, the breakpoints planted. */
    private void adopt(Target t) {
        adopt(t, tid -> { });
    }

    /** {@code announce} tells of each thread right after its {@code =thread-created} (a core dump's "[New LWP N]"). */
    private void adopt(Target t, java.util.function.IntConsumer announce) {
        target = t;
        solibEventBreakpoint = -1;
        solibEventsPlanted = false;
        threads.restart();
        t.addListener(event -> post(() -> onEvent(t, event)));
        out.notify("thread-group-started", MiTuple.of().add("id", "i1").add("pid", t.pid()));
        // Numbered in the target's order: the leader first, or a core dump's thread that died first, as gdb does
        List<Integer> tids = new ArrayList<>(t.threads());
        if (!tids.contains(t.pid())) tids.add(0, t.pid());
        for (int tid : tids) {
            out.notify("thread-created", MiTuple.of().add("id", threads.add(tid)).add("group-id", "i1"));
            announce.accept(tid);
        }
        for (MiBreakpoint bp : breakpoints.all()) {
            if (!bp.enabled) continue;
            String before = bp.toTuple().toString();
            Breakpoints.arm(bp, t);
            // told only when its location changed (the first run relocates it), as gdb does
            if (!bp.toTuple().toString().equals(before)) out.notify("breakpoint-modified", MiTuple.of().add("bkpt", bp.toTuple()));
        }
        libraries.reset();
        libraries.update(t);
    }

    /**
     * {@code attach PID}: the process stops where it is (all its threads) and is debugged as a
     * started one; its stdio stays its own. gdb reports the stop without a reason, after the
     * command's {@code ^done}; without a program file, the process's executable becomes it.
     */
    public void attach(int pid, boolean console) {
        if (target != null) throw new MiException("A program is being debugged already.");
        if (console) {
            out.console(program != null ? "Attaching to program: " + program + ", process " + pid + "\n"
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
        adopt(t);
        if (program == null) {
            try {
                setProgram(Path.of("/proc/" + pid + "/exe").toRealPath());
                out.console("Reading symbols from " + program + "...\n");
            } catch (java.io.IOException | MiException e) {
                // debugged without a program file: no symbols of its own
            }
        }
        intent = Intent.CONTINUE;
        resumedFromConsole = true; // gdb shows where it stopped, MI or console alike
        stopped = new CompletableFuture<>();
        StopEvent.Stopped stop = new StopEvent.Stopped(StopEvent.Reason.PAUSE, t.currentThread(), t.registers().rip(), null,
                java.util.OptionalLong.empty(), List.of());
        post(() -> {
            if (t != target) return;
            selectedFrame = 0;
            stops.attached(stop);
            stopReported();
        });
    }

    /** A core dump opened by {@link CoreFiles} becomes the program (whatever was debugged before is killed). */
    void adoptCore(Target t, java.util.function.IntConsumer announce) {
        endProgram();
        attached = false;
        pumps = List.of();
        adopt(t, announce);
        selectedFrame = 0;
    }

    /** The end of the session ({@code -gdb-exit}, {@code quit}): gdb detaches from a process it attached to and kills one it started. */
    public void quit() {
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
    public boolean attached() {
        return target != null && attached;
    }

    /** {@code detach}: the process runs on, untraced, with Hindsight's breakpoints taken out. */
    public void detach(boolean console) {
        Target t = target;
        if (t == null || t.state() == Target.State.EXITED) throw new MiException("The program is not being run.");
        if (!attached) throw new MiException("Hindsight detaches only from a process it attached to (attach PID); kill ends this one.");
        if (t.state() == Target.State.RUNNING) throw new MiException("Cannot execute this command while the selected thread is running.");
        if (console) out.console("Detaching from program: " + program + ", process " + t.pid() + "\n");
        int pid = t.pid();
        forgetProgram(); // closing an attached target detaches from it
        out.notify("thread-group-exited", MiTuple.of().add("id", "i1"));
        out.console("[Inferior 1 (process " + pid + ") detached]\n");
        attached = false;
        threads.restart();
    }

    /** Starts a resumption; its stop is reported as {@code *stopped} when it comes. */
    public void resume(Intent why, Supplier<CompletableFuture<StopEvent>> op) {
        resume(why, false, op);
    }

    private void resume(Intent why, boolean backwards, Supplier<CompletableFuture<StopEvent>> op) {
        Target t = resumableTarget();
        Long moved = pcMovedTo;
        pcMovedTo = null;
        if (moved != null && !backwards && t.backtrace(t.currentThread(), 1).get(0).pc() == moved && hitAtOnce(t, moved)) return;
        if (!backwards) followSolibEvents(t);
        intent = why;
        reversing = backwards;
        resumedFromConsole = consoleCommand;
        Frame start = t.backtrace(t.currentThread(), 1).stream().findFirst().orElse(null);
        stepStartCfa = start == null ? 0 : start.cfa();
        stepStartFunction = start == null ? null : start.function();
        varObjects.beforeResume();
        CompletableFuture<StopEvent> f;
        try {
            f = op.get();
        } catch (RuntimeException e) {
            throw new MiException(e.getMessage());
        }
        if (f.isCompletedExceptionally()) {
            try {
                f.join();
            } catch (RuntimeException e) {
                Throwable c = e.getCause() != null ? e.getCause() : e;
                throw new MiException(c.getMessage());
            }
        }
        stopped = new CompletableFuture<>();
        f.whenComplete((stop, error) -> {
            if (error != null) post(() -> resumeFailed(t, error));
        });
    }

    /** {@code until} without a location: line steps that do not go back (a loop is left, not repeated). */
    public void untilNextLine() {
        Target t = resumableTarget();
        UntilStops u = UntilStops.nextLine(t);
        resume(Intent.STEP, () -> u.request(t));
        until = u;
    }

    /**
     * {@code until LOCATION}: to it in the selected frame, or to the selected frame's return,
     * whichever comes first; {@code advance} ({@code anywhere}) stops at it in any frame.
     */
    public void untilLocation(long address, boolean anywhere) {
        Target t = resumableTarget();
        List<Frame> frames = t.backtrace(t.currentThread(), selectedFrame + 2);
        Frame caller = frames.size() > selectedFrame + 1 ? frames.get(selectedFrame + 1) : null;
        UntilStops u = UntilStops.location(t, frame(), caller, address, anywhere);
        try {
            resume(Intent.UNTIL, () -> u.request(t));
        } catch (MiException e) {
            u.end(t);
            throw e;
        }
        until = u;
    }

    /** {@code -exec-interrupt}: asks the running program to stop; reported as SIGINT, as gdb does. */
    public void interrupt() {
        if (running()) {
            intent = Intent.INTERRUPT;
            target.pause();
        }
    }

    /**
     * Plants or removes the breakpoint of ld.so's events as {@code stop-on-solib-events} now asks
     * (front ends turn it on before {@code -exec-run} and off after the first stop); a recording
     * has none.
     */
    private void followSolibEvents(Target t) {
        if (trace != null) return;
        boolean wanted = SolibEvents.wanted(settings);
        if (wanted && !solibEventsPlanted) {
            solibEventBreakpoint = SolibEvents.plant(t, program);
            solibEventsPlanted = true;
        } else if (!wanted && solibEventsPlanted) {
            if (solibEventBreakpoint >= 0) t.removeBreakpoint(solibEventBreakpoint);
            solibEventBreakpoint = -1;
            solibEventsPlanted = false;
        }
    }

    /** Whether a stop's engine breakpoints include ld.so's event, asked for. */
    boolean solibEvent(List<Integer> engineIds) {
        return solibEventBreakpoint >= 0 && engineIds.contains(solibEventBreakpoint) && SolibEvents.wanted(settings);
    }

    LibraryNotices.Changes libraryChanges() {
        return libraryChanges;
    }

    Intent intent() {
        return intent;
    }

    long stepStartCfa() {
        return stepStartCfa;
    }

    String stepStartFunction() {
        return stepStartFunction;
    }

    boolean resumedFromConsole() {
        return resumedFromConsole;
    }

    /** Whether the command being run came from the console (gdb prints more for those). */
    public boolean consoleCommand() {
        return consoleCommand;
    }

    /** Marks the commands run until {@code false} as console ones (gdb prints more for them). */
    public void setConsoleCommand(boolean console) {
        consoleCommand = console;
    }

    /** {@code set environment NAME = VALUE}, for the next runs. */
    public void setEnvironment(String name, String value) {
        environment.set(name, value);
    }

    /** {@code unset environment NAME}, for the next runs. */
    public void unsetEnvironment(String name) {
        environment.unset(name);
    }

    private List<String> environmentForRun() {
        return environment.forRun(LaunchSpec.inheritedEnvironment(), workingDirectory(), settings.on("startup-with-shell"));
    }

    /** {@code base} with the variables set by {@code set env} replacing or joining it. */
    List<String> environmentOver(List<String> base) {
        return environment.over(base);
    }

    void resumeQuietly() {
        Target t = target;
        CompletableFuture<StopEvent> f = reversing ? t.timeTravel().orElseThrow().reverseContinue() : t.resume();
        f.whenComplete((stop, error) -> {
            if (error != null) post(() -> resumeFailed(t, error));
        });
    }

    private void onEvent(Target t, TargetEvent event) {
        if (t != target) return; // an old program's last words
        if (event instanceof TargetEvent.Stopped s) {
            if (until != null && until.goesOn(t, s, error -> post(() -> resumeFailed(t, error)))) return;
            until = null;
            selectedFrame = 0;
            libraryChanges = libraries.update(t);
            if (stops.stopped(s)) {
                listing = null; // the next plain `list` centres on the stop
                stopReported();
            }
        } else if (event instanceof TargetEvent.Exited x) {
            // The exit is told after the program's last output.
            CompletableFuture.allOf(pumps.stream().map(OutputPump::done).toArray(CompletableFuture[]::new))
                    .completeOnTimeout(null, 2, java.util.concurrent.TimeUnit.SECONDS)
                    .thenRun(() -> post(() -> {
                        if (t != target) return;
                        if (confined != null) {
                            confined.limitReached(x.exit()).ifPresent(why -> out.console("[program stopped: " + why + "]\n"));
                        }
                        stops.exited(t, x.exit());
                        forgetProgram();
                        stopReported();
                    }));
        } else if (event instanceof TargetEvent.ThreadStarted s) {
            out.notify("thread-created", MiTuple.of().add("id", threads.add(s.tid())).add("group-id", "i1"));
        } else if (event instanceof TargetEvent.ThreadExited s) {
            threads.remove(s.tid()).ifPresent(n -> out.notify("thread-exited", MiTuple.of().add("id", n).add("group-id", "i1")));
        } else if (event instanceof TargetEvent.BreakpointChanged c && !c.removed()) {
            // a pending breakpoint resolved as a library loaded
            breakpoints.byEngineId(c.breakpoint().id()).filter(bp -> bp.kind != MiBreakpoint.Kind.WATCH).ifPresent(bp -> {
                long before = bp.address;
                if (Breakpoints.update(bp, c.breakpoint(), t) && before != bp.address) {
                    out.notify("breakpoint-modified", MiTuple.of().add("bkpt", bp.toTuple()));
                }
            });
        }
    }

    void stopReported() {
        if (!settings.async() && !stopped.isDone()) out.prompt();
        stopped.complete(null);
    }

    private void resumeFailed(Target t, Throwable error) {
        if (t != target) return;
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        if (t.state() == Target.State.EXITED) return; // the exit event tells
        out.log("execution failed: " + cause.getMessage() + "\n");
        stopReported();
    }

    /** {@code kill}: the program is killed and forgotten, as gdb's {@code kill} does. */
    public void endProgram() {
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
        out.notify("thread-group-exited", MiTuple.of().add("id", "i1"));
        t.close();
        stopped.complete(null);
    }

    private void forgetProgram() {
        Target t = target;
        target = null;
        until = null;
        solibEventBreakpoint = -1;
        solibEventsPlanted = false;
        for (MiBreakpoint bp : breakpoints.all()) bp.engineId = null;
        for (var e : threads.all().entrySet()) {
            out.notify("thread-exited", MiTuple.of().add("id", e.getValue()).add("group-id", "i1"));
        }
        threads.restart();
        varObjects.clear();
        if (t != null) {
            try {
                t.close();
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }

    /** Breakpoints planted in, or taken out of, the program. */
    public Placement placement() {
        return placement;
    }

    /** The file of the selected frame, or of main before the program runs: where a bare line number points. */
    public String defaultFile() {
        if (target != null && target.state() == Target.State.STOPPED) {
            Frame f = frame();
            if (f.line() != null) return f.line().file();
        }
        if (program == null) return null;
        MiBreakpoint probe = new MiBreakpoint(0, MiBreakpoint.Kind.FUNCTION, "main", "main", 0, 0);
        return Breakpoints.resolveStatic(probe, program) ? probe.file : null;
    }

    /**
     * {@code jump}: the program goes on from {@code address}. When an enabled breakpoint is there,
     * gdb stops at once and reports it hit, without running anything (Emacs's gud-jump is
     * {@code tbreak} + {@code jump} for "set the pc here"); so does this, through the stop reporter.
     */
    public void jumpTo(long address) {
        Target t = resumableTarget();
        t.setRegister(t.currentThread(), "rip", address);
        if (!hitAtOnce(t, address)) resume(Intent.CONTINUE, t::resume);
    }

    /**
     * The pc was moved ({@code -exec-return}) without the program stopping there: as in gdb, the
     * next resumption from it reports an enabled breakpoint there hit, without running anything.
     */
    public void pcMoved(long address) {
        pcMovedTo = address;
    }

    private Long pcMovedTo;

    /** Reports the enabled breakpoints at {@code address} hit, if there are any, through the stop reporter. */
    private boolean hitAtOnce(Target t, long address) {
        List<Integer> here = new ArrayList<>();
        for (MiBreakpoint bp : breakpoints.all()) {
            if (bp.enabled && bp.engineId != null && bp.address == address) here.add(bp.engineId);
        }
        if (here.isEmpty()) return false;
        intent = Intent.CONTINUE;
        resumedFromConsole = consoleCommand;
        varObjects.beforeResume();
        stopped = new CompletableFuture<>();
        StopEvent.Stopped stop = new StopEvent.Stopped(StopEvent.Reason.BREAKPOINT, t.currentThread(), address, null,
                java.util.OptionalLong.empty(), List.of(address));
        post(() -> onEvent(t, new TargetEvent.Stopped(stop, here))); // after this command's ^running
        return true;
    }

    public Listing listing() {
        return listing;
    }

    public void setListing(Listing l) {
        listing = l;
    }

    /** What the last {@code x} examined: where a bare {@code x} goes on, in its format and unit. */
    public record Examined(long next, char format, char unit) {}
    private Examined examined;

    public Examined examined() {
        return examined;
    }

    public void setExamined(Examined e) {
        examined = e;
    }

    /** {@code -target-select native} was done: gdb lists target features (async) from then on. */
    public void selectNativeTarget() {
        nativeTargetSelected = true;
    }

    public boolean nativeTargetSelected() {
        return nativeTargetSelected || target != null;
    }

    /** Kills the program, if any, at the end of the session. */
    public void close() {
        if (target != null) {
            try {
                target.close();
            } catch (RuntimeException e) {
                // gone already
            }
            target = null;
        }
        if (confined != null) confined.close();
        thread.shutdown();
    }

    public List<Integer> liveThreadNumbers() {
        List<Integer> out = new ArrayList<>();
        if (target == null) return out;
        for (int tid : target.threads()) out.add(threads.number(tid));
        return out;
    }
}
