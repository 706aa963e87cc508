package dev.hindsight.tracer;

import dev.hindsight.tracer.backend.AuxvType;
import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.backend.History;
import dev.hindsight.tracer.breakpoints.BreakpointTable;
import dev.hindsight.tracer.breakpoints.UserBreakpoints;
import dev.hindsight.tracer.confine.Sandbox;
import dev.hindsight.tracer.core.CoreBackend;
import dev.hindsight.tracer.core.CoreFileException;
import dev.hindsight.tracer.disasm.Disassembler;
import dev.hindsight.tracer.disasm.Disassembly;
import dev.hindsight.tracer.disasm.Instruction;
import dev.hindsight.tracer.disasm.Syntax;
import dev.hindsight.tracer.inspect.AnyTimeAccess;
import dev.hindsight.tracer.inspect.FrameValues;
import dev.hindsight.tracer.inspect.Frames;
import dev.hindsight.tracer.inspect.ProgramMemory;
import dev.hindsight.tracer.inspect.StoppedProgram;
import dev.hindsight.tracer.inspect.ThreadRegisters;
import dev.hindsight.tracer.ptrace.PtraceBackend;
import dev.hindsight.tracer.record.TraceFormatException;
import dev.hindsight.tracer.replay.RecordedTrace;
import dev.hindsight.tracer.replay.ReplayBackend;
import dev.hindsight.tracer.run.ExecutionRequests;
import dev.hindsight.tracer.run.RunControl;
import dev.hindsight.tracer.source.SourceView;
import dev.hindsight.tracer.stack.Backtraces;
import dev.hindsight.tracer.step.StepEngine;
import dev.hindsight.tracer.symbols.ModuleTracker;
import dev.hindsight.tracer.symbols.ProgramSymbols;
import dev.hindsight.tracer.sys.Files;
import dev.hindsight.tracer.travel.TimeTravel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/**
 * The public face of the engine: one debugged program. Front ends drive it and listen to its
 * {@link TargetEvent}s; what executes underneath is a {@link Backend} (live ptrace, a core dump,
 * a recording's replay or index). Target keeps the lifecycle (start, listeners, pause, kill,
 * close) and the program's state and threads, wires the engine's parts together, and hands front
 * ends a few facades, each a class in the room that does the work:
 * {@link #breakpoints()} ({@link UserBreakpoints}), {@link #registers()} ({@link ThreadRegisters}),
 * {@link #memory()} ({@link ProgramMemory}), {@link #symbols()} ({@link ProgramSymbols}),
 * {@link #execution()} ({@link ExecutionRequests}), {@link #frames()} ({@link Frames}),
 * {@link #disassembly()} ({@link Disassembly}) and, for a recording, {@link #timeTravel()}.
 *
 * <p>Execution requests return a future that completes at the next stop; they are refused with
 * {@link TargetStateException} unless the program is stopped. {@link #pause()} and
 * {@link #kill()} work in any state.
 */
public final class Target implements AutoCloseable {
    /** Where the program is. */
    public enum State { STOPPED, RUNNING, EXITED }

    private final Backend backend;
    private final ProgramStdio stdio;
    private ProgramTerminal terminal;
    private final List<TargetListener> listeners = new CopyOnWriteArrayList<>();
    private final Disassembler disassembler = new Disassembler(Syntax.ATT);
    /** Registers and memory at the current stop, through its cache. */
    private final StoppedProgram program;
    private final RunControl run;
    private final UserBreakpoints breakpoints;
    private final ThreadRegisters registers;
    private final ProgramMemory memory;
    private final ProgramSymbols symbols;
    private final ExecutionRequests execution;
    private final Frames frames;
    private final Disassembly disassembly;
    /** Present when the backend keeps the whole run (a recording's index). */
    private final TimeTravel travel;
    /** Set once, by {@link #core}, before anyone else sees the target. */
    private PostMortem postMortem;

    private Target(Backend backend, ProgramStdio stdio, StopEvent.Stopped initial) {
        this.backend = backend;
        this.stdio = stdio;
        BreakpointTable table = new BreakpointTable(backend);
        this.program = new StoppedProgram(backend, this::requireStopped);
        ModuleTracker modules = new ModuleTracker(backend, program::readRaw, () -> state() == State.STOPPED, program::forgetStacks);
        AnyTimeAccess anyTime = new AnyTimeAccess(backend, program, () -> state() == State.RUNNING, modules::modules);
        StepEngine steps = new StepEngine(backend, table, this::decodeRaw, modules::snapshot);
        this.run = new RunControl(backend, initial, program, modules, table, steps, this::emit);
        this.breakpoints = new UserBreakpoints(backend, table, modules, run::requireAlive, program::forget,
                (bp, removed) -> emit(new TargetEvent.BreakpointChanged(bp, removed)));
        this.registers = new ThreadRegisters(program, run::currentThread);
        this.memory = new ProgramMemory(backend, program, anyTime, run::requireAlive);
        this.symbols = new ProgramSymbols(modules, () -> memory.auxv().get(AuxvType.AT_ENTRY));
        this.disassembly = new Disassembly(disassembler, program::readMemory, anyTime::read);
        Backtraces stacks = new Backtraces(backend, program::cache, modules, table::all);
        this.frames = new Frames(run, stacks, new FrameValues(program, modules::modules, run::requireStopped), anyTime,
                steps::lastReturn);
        this.execution = new ExecutionRequests(run::currentThread, tid -> backend.registers(tid).rip(), run, steps, modules,
                disassembly::instructionAt, frames::backtrace);
        this.travel = backend instanceof History h
                ? new TimeTravel(h, backend, run, () -> new SourceView(modules.snapshot()), this::decodeRaw,
                        program::forget, a -> !table.userBreakpointsAt(a).isEmpty())
                : null;
    }

    // ---- lifecycle ----------------------------------------------------------------------------

    /** Starts a program, stopped at its very first instruction (reason ENTRY). */
    public static Target launch(LaunchSpec spec) {
        TargetListener[] relay = new TargetListener[1];
        PtraceBackend backend = PtraceBackend.launch(spec, threadStarted(relay), threadExited(relay));
        ProgramStdio stdio = ProgramStdio.fromFds(backend.stdioFds(), Files::closeQuietly);
        ProgramTerminal terminal = backend.terminalFd() >= 0 ? new ProgramTerminal(backend.terminalFd()) : null;
        // On a terminal, stdout and stderr are one stream, as in a terminal window.
        if (terminal != null) stdio = new ProgramStdio(terminal.input(), terminal.output(), null);
        Target t = start(backend, stdio, StopEvent.Reason.ENTRY, relay);
        t.terminal = terminal;
        return t;
    }

    /**
     * Replays a recorded run (a trace directory written by {@code hindsight record}), stopped at
     * its first instruction (reason ENTRY). It behaves as a live program whose registers and
     * memory cannot be changed; its stdout and stderr are the recorded output, written nowhere
     * else. {@code sandbox}: where the replayed program runs confined; null for unconfined.
     *
     * @throws TraceFormatException with a sentence when the trace cannot be replayed
     */
    public static Target replay(Path traceDir, Sandbox sandbox) {
        ReplayBackend backend = ReplayBackend.start(RecordedTrace.open(traceDir), sandbox);
        return start(backend, new ProgramStdio(null, backend.stdout(), backend.stderr()), StopEvent.Reason.ENTRY,
                new TargetListener[1]);
    }

    /**
     * A target over a backend made elsewhere (the index of a recording, from the {@code index}
     * module), stopped where the backend is (reason ENTRY). A backend that is also a
     * {@link History} makes {@link #timeTravel()} available.
     */
    public static Target open(Backend backend, ProgramStdio stdio) {
        return start(backend, stdio, StopEvent.Reason.ENTRY, new TargetListener[1]);
    }

    /**
     * Opens a core dump for post-mortem debugging: stopped where the dump shows the program
     * (reason SIGNAL with the signal that killed it and, for a fault, its address; a gcore taken
     * at a breakpoint shows SIGTRAP). Registers, memory, stacks and values read as at any stop;
     * every execution request is refused ("The program is not being run."), and so is every change.
     * {@code program}: the executable the dump came from (null: the one it names).
     *
     * @throws CoreFileException with a sentence when the file is no usable core dump
     */
    public static Target core(Path coreFile, Path program) {
        CoreBackend backend = CoreBackend.open(coreFile, program);
        Target t = start(backend, new ProgramStdio(null, null, null), backend.stop(), new TargetListener[1]);
        t.postMortem = new PostMortem(backend.coreFile(), backend.commandLine(), backend.stop());
        return t;
    }

    /**
     * What a core dump says about the end of its program: the dump's path, the command line it ran
     * with (gdb's "Core was generated by `…'") and the stop it died in.
     */
    public record PostMortem(Path coreFile, String commandLine, StopEvent.Stopped stop) {}

    /** The core dump this target is, or empty for a program that runs (or ran, in a recording). */
    public Optional<PostMortem> postMortem() { return Optional.ofNullable(postMortem); }

    /**
     * Attaches to a running process (all its threads stop, reason PAUSE). Closing the target
     * detaches and lets the process run on; its stdio stays its own.
     */
    public static Target attach(int pid) {
        TargetListener[] relay = new TargetListener[1];
        PtraceBackend backend = PtraceBackend.attach(pid, threadStarted(relay), threadExited(relay));
        return start(backend, new ProgramStdio(null, null, null), StopEvent.Reason.PAUSE, relay);
    }

    /** Thread events the backend reports before the target exists reach it through {@code relay}. */
    private static Target start(Backend backend, ProgramStdio stdio, StopEvent.Reason reason, TargetListener[] relay) {
        long pc = backend.registers(backend.pid()).rip();
        return start(backend, stdio, StopEvent.Stopped.simple(reason, backend.pid(), pc), relay);
    }

    private static Target start(Backend backend, ProgramStdio stdio, StopEvent.Stopped initial, TargetListener[] relay) {
        Target t = new Target(backend, stdio, initial);
        relay[0] = t::emit;
        t.breakpoints.watchLibraryLoads();
        return t;
    }

    private static IntConsumer threadStarted(TargetListener[] relay) {
        return tid -> relay[0].onEvent(new TargetEvent.ThreadStarted(tid));
    }

    private static IntConsumer threadExited(TargetListener[] relay) {
        return tid -> relay[0].onEvent(new TargetEvent.ThreadExited(tid));
    }

    public void addListener(TargetListener listener) { listeners.add(listener); }

    public void removeListener(TargetListener listener) { listeners.remove(listener); }

    private void emit(TargetEvent event) {
        for (TargetListener l : listeners) l.onEvent(event);
    }

    /** Kills the program if it still runs and releases everything it held. */
    @Override
    public void close() {
        backend.close();
        stdio.close();
        if (terminal != null) terminal.close();
        disassembler.close();
        run.closed();
    }

    // ---- state --------------------------------------------------------------------------------

    public int pid() { return backend.pid(); }

    public State state() { return run.state(); }

    public StopEvent lastStop() { return run.lastStop(); }

    /** The thread that last stopped, which steps and register reads default to. */
    public int currentThread() { return run.currentThread(); }

    public void selectThread(int tid) { run.selectThread(tid); }

    public List<Integer> threads() { return backend.threads(); }

    public ProgramStdio stdio() { return stdio; }

    /**
     * The master of the program's new pseudo-terminal ({@link LaunchSpec#terminal()}), whose
     * streams are also {@link #stdio()}'s; null when it has none.
     */
    public ProgramTerminal terminal() { return terminal; }

    private void requireStopped() { run.requireStopped(); }

    // ---- facades -------------------------------------------------------------------------------

    /** The user's breakpoints and watchpoints: set by address, line, function or data address; removed; listed. */
    public UserBreakpoints breakpoints() { return breakpoints; }

    /** Registers of the stopped program's threads, read and written. */
    public ThreadRegisters registers() { return registers; }

    /** The program's memory, at a stop or while it runs, and its auxiliary vector. */
    public ProgramMemory memory() { return memory; }

    /** Loaded ELF objects, symbols and source lines. */
    public ProgramSymbols symbols() { return symbols; }

    /** Continue, run to, the gdb step family, {@code finish}, a bounded trace: each completes at the next stop. */
    public ExecutionRequests execution() { return execution; }

    /** Backtraces, and the values in their frames: locals, arguments, globals, expressions, assignments. */
    public Frames frames() { return frames; }

    /** The program's code decoded, at a stop or while it runs, in the chosen syntax. */
    public Disassembly disassembly() { return disassembly; }

    // ---- control in any state -----------------------------------------------------------------

    /** Asks a running program to stop; the pending request completes with reason PAUSE. */
    public void pause() { run.pause(); }

    /**
     * Kills the program. A pending request completes with the exit; a stopped program is reaped
     * and reported as exited all the same. Either way {@link TargetEvent.Exited} comes once.
     */
    public void kill() { run.kill(); }

    /** Reverse execution and time, when the backend keeps the whole run; empty for a live program. */
    public Optional<TimeTravel> timeTravel() { return Optional.ofNullable(travel); }

    /** Decodes at pc through the backend, usable while an operation runs (no state check). */
    private Optional<Instruction> decodeRaw(long pc) {
        return disassembler.decodeOne(program.readRaw(pc, Disassembler.MAX_INSTRUCTION_LENGTH), pc);
    }
}
