package dev.hindsight.mi.session;

import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiOutput;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.stack.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * One gdb session: what to debug, gdb's settings, breakpoints, thread numbers, and the parts that
 * do the work: the program's life ({@link ProgramLifecycle}), resumptions and the engine's events
 * ({@link RunControl}), and what is selected ({@link Selection}). Everything here runs on the
 * session's one thread ({@link #post}): commands and the engine's events alike, so no state is
 * shared between threads.
 */
public final class MiSession {
    /** Why the program was resumed: decides the {@code *stopped} reason. */
    public enum Intent { CONTINUE, STEP, FINISH, INTERRUPT, UNTIL }

    /** Lines a {@code list} printed. */
    public record Listing(String file, int first, int last) {}

    /** What the last {@code x} examined: where a bare {@code x} goes on, in its format, unit and count. */
    public record Examined(long next, char format, char unit, int count) {}

    private final MiOutput out;
    private final Settings settings = new Settings();
    private final Displays displays = new Displays();
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
    private final Selection selection = new Selection(this);
    private final RunControl runControl = new RunControl(this);
    private final ProgramLifecycle lifecycle = new ProgramLifecycle(this);
    private final LibraryNotices libraries;
    /** {@code set environment}, {@code unset environment}: the next runs' environment. */
    private final ProgramEnvironment environment = new ProgramEnvironment();
    private Path program;
    /** A recorded and built run this session serves instead of starting the program ({@code --trace}); null: live. */
    private Path trace;
    private Path workingDirectory;
    private boolean nativeTargetSelected;
    /** The command being run came from the console (a CLI line), not an MI command. */
    private boolean consoleCommand;

    public MiSession(MiOutput out) {
        this.out = out;
        this.libraries = new LibraryNotices(out);
    }

    public MiOutput out() { return out; }

    public Settings settings() { return settings; }

    /** The console's {@code display} expressions. */
    public Displays displays() { return displays; }

    public Breakpoints breakpoints() { return breakpoints; }

    public VarObjects varObjects() { return varObjects; }

    /** Breakpoints planted in, or taken out of, the program. */
    public Placement placement() { return placement; }

    ThreadNumbers threadNumbers() { return threads; }

    StopReporter stops() { return stops; }

    LibraryNotices libraries() { return libraries; }

    Selection selection() { return selection; }

    RunControl runControl() { return runControl; }

    ProgramLifecycle lifecycle() { return lifecycle; }

    /** {@code --confine}: every run from now on in a sandbox (its files under {@code serverRoot}). */
    public void confine(dev.hindsight.tracer.confine.Confinement confinement, Path serverRoot) {
        lifecycle.confine(confinement, serverRoot);
    }

    /** Runs {@code task} on the session's thread. */
    public CompletableFuture<Void> post(Runnable task) {
        return CompletableFuture.runAsync(task, thread);
    }

    /** Completes when no resumption is waiting to be reported. */
    public CompletableFuture<Void> stoppedFuture() { return runControl.stoppedFuture(); }

    // ---- the program -------------------------------------------------------------------------

    public Path program() { return program; }

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
    public boolean servesTrace() { return trace != null; }

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

    /** The program's working directory: {@code set cwd}'s (relative to gdb's own), else gdb's own. */
    public Path programDirectory() {
        String cwd = settings.get("cwd");
        return cwd.isEmpty() ? workingDirectory() : workingDirectory().resolve(cwd).normalize();
    }

    /** The live program, or null. */
    public Target target() { return lifecycle.target(); }

    /** The exit code of the program's last run (gdb's octal), null when it ended by a signal or has not ended. */
    public String exitCode() {
        return stops.exitCode(target());
    }

    public boolean running() {
        Target target = target();
        return target != null && target.state() == Target.State.RUNNING;
    }

    /** The program, stopped, for commands that read it; gdb's errors otherwise. */
    public Target stoppedTarget() {
        Target target = target();
        if (target == null || target.state() == Target.State.EXITED) throw new MiException("No registers.");
        if (target.state() == Target.State.RUNNING) throw new MiException("Selected thread is running.");
        return target;
    }

    /**
     * The program, stopped or running, for commands that read or write its memory (gdb reads a
     * running program's memory on Linux, {@link Target#readMemoryAnyTime}); gdb's errors otherwise.
     */
    public Target memoryTarget() { return running() ? target() : stoppedTarget(); }

    /** The program, stopped, for execution commands. */
    public Target resumableTarget() {
        Target target = target();
        if (target == null || target.state() == Target.State.EXITED || target.postMortem().isPresent()) {
            throw new MiException("The program is not being run.");
        }
        if (target.state() == Target.State.RUNNING) {
            throw new MiException("Cannot execute this command while the selected thread is running.");
        }
        return target;
    }

    /** The file of the selected frame, or of main before the program runs: where a bare line number points. */
    public String defaultFile() {
        Target target = target();
        if (target != null && target.state() == Target.State.STOPPED) {
            Frame f = frame();
            if (f.line() != null) return f.line().file();
        }
        if (program == null) return null;
        MiBreakpoint probe = new MiBreakpoint(0, MiBreakpoint.Kind.FUNCTION, "main", "main", 0, 0);
        return Breakpoints.resolveStatic(probe, program) ? probe.file : null;
    }

    /** {@code -target-select native} was done: gdb lists target features (async) from then on. */
    public void selectNativeTarget() { nativeTargetSelected = true; }

    public boolean nativeTargetSelected() { return nativeTargetSelected || target() != null; }

    // ---- threads, frames and what was shown (Selection) ------------------------------------------

    public int threadNumber(int tid) { return threads.number(tid); }

    public List<Integer> liveThreadNumbers() {
        List<Integer> out = new ArrayList<>();
        Target target = target();
        if (target == null) return out;
        for (int tid : target.threads()) out.add(threads.number(tid));
        return out;
    }

    /** Selects a thread by gdb's number. */
    public void selectThread(int number) { selection.selectThread(number); }

    public int selectedFrameLevel() { return selection.selectedFrameLevel(); }

    public void selectFrame(int level) { selection.selectFrame(level); }

    /** The selected frame of the selected thread. */
    public Frame frame() { return selection.frame(); }

    /** The next {@code $N} of gdb's value history. */
    public int nextValueNumber() { return selection.nextValueNumber(); }

    /** {@link Selection#registerSnapshot}: the registers listed before, for {@code -data-list-changed-registers}. */
    public String[] registerSnapshot(Target t, String[] now) { return selection.registerSnapshot(t, now); }

    public Listing listing() { return selection.listing(); }

    public void setListing(Listing l) { selection.setListing(l); }

    public Examined examined() { return selection.examined(); }

    public void setExamined(Examined e) { selection.setExamined(e); }

    // ---- the program's life (ProgramLifecycle) ---------------------------------------------------

    /** {@code -exec-run}: starts the program (again), plants the breakpoints, lets it run. */
    public void run(List<String> args) { lifecycle.run(args, program, trace); }

    /** {@code attach PID}, as {@link ProgramLifecycle#attach}. */
    public void attach(int pid, boolean console) { lifecycle.attach(pid, console); }

    /** A core dump opened by {@link CoreFiles} becomes the program (whatever was debugged before is killed). */
    void adoptCore(Target t, java.util.function.IntConsumer announce) { lifecycle.adoptCore(t, announce); }

    /** The end of the session ({@code -gdb-exit}, {@code quit}): gdb detaches from a process it attached to and kills one it started. */
    public void quit() { lifecycle.quit(); }

    /** Whether the program was attached to (gdb detaches from it at the end, and kill kills it). */
    public boolean attached() { return lifecycle.attached(); }

    /** {@code detach}: the process runs on, untraced, with Hindsight's breakpoints taken out. */
    public void detach(boolean console) { lifecycle.detach(console); }

    /** {@code kill}: the program is killed and forgotten, as gdb's {@code kill} does. */
    public void endProgram() { lifecycle.endProgram(); }

    /** Kills the program, if any, at the end of the session. */
    public void close() {
        lifecycle.close();
        thread.shutdown();
    }

    // ---- resumptions (RunControl) -----------------------------------------------------------------

    /** Starts a resumption; its stop is reported as {@code *stopped} when it comes. */
    public void resume(Intent why, Supplier<CompletableFuture<StopEvent>> op) { runControl.resume(why, false, op); }

    /** Starts a resumption backwards; as {@link #resume}. */
    public void resumeBackwards(Intent why, Supplier<CompletableFuture<StopEvent>> op) { runControl.resume(why, true, op); }

    /** Whether the request that is running (or last ran) goes backwards. */
    public boolean reversing() { return runControl.reversing(); }

    /** {@code until} without a location: line steps that do not go back (a loop is left, not repeated). */
    public void untilNextLine() { runControl.untilNextLine(); }

    /** {@code until LOCATION} / {@code advance} ({@code anywhere}), as {@link RunControl#untilLocation}. */
    public void untilLocation(long address, boolean anywhere) { runControl.untilLocation(address, anywhere); }

    /** {@code -exec-interrupt}: asks the running program to stop; reported as SIGINT, as gdb does. */
    public void interrupt() { runControl.interrupt(); }

    /** {@code jump}, as {@link RunControl#jumpTo}. */
    public void jumpTo(long address) { runControl.jumpTo(address); }

    /** The pc was moved ({@code -exec-return}), as {@link RunControl#pcMoved}. */
    public void pcMoved(long address) { runControl.pcMoved(address); }

    /** Whether the command being run came from the console (gdb prints more for those). */
    public boolean consoleCommand() { return consoleCommand; }

    /** Marks the commands run until {@code false} as console ones (gdb prints more for them). */
    public void setConsoleCommand(boolean console) { consoleCommand = console; }

    // ---- the next runs' environment -----------------------------------------------------------------

    /** {@code set environment NAME = VALUE}, for the next runs. */
    public void setEnvironment(String name, String value) { environment.set(name, value); }

    /** {@code unset environment NAME}, for the next runs. */
    public void unsetEnvironment(String name) { environment.unset(name); }

    List<String> environmentForRun() {
        return environment.forRun(LaunchSpec.inheritedEnvironment(), programDirectory(), settings.on("startup-with-shell"));
    }

    /** {@code base} with the variables set by {@code set env} replacing or joining it. */
    List<String> environmentOver(List<String> base) { return environment.over(base); }
}
