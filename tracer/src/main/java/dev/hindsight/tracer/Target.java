package dev.hindsight.tracer;

import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.backend.Resume;
import dev.hindsight.tracer.backend.StepObserver;
import dev.hindsight.tracer.breakpoints.Breakpoint;
import dev.hindsight.tracer.breakpoints.BreakpointTable;
import dev.hindsight.tracer.breakpoints.UserBreakpoints;
import dev.hindsight.tracer.breakpoints.WatchKind;
import dev.hindsight.tracer.disasm.Disassembler;
import dev.hindsight.tracer.disasm.Instruction;
import dev.hindsight.tracer.disasm.Syntax;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.inspect.StoppedProgram;
import dev.hindsight.tracer.ptrace.PtraceBackend;
import dev.hindsight.tracer.regs.FpRegisters;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.run.RunControl;
import dev.hindsight.tracer.stack.Backtraces;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.step.ReturnValue;
import dev.hindsight.tracer.step.StepEngine;
import dev.hindsight.tracer.symbols.ModuleTracker;
import dev.hindsight.tracer.sys.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The public face of the engine: one debugged program. Front ends drive it and listen to its
 * {@link TargetEvent}s; what executes underneath is a {@link Backend} (live ptrace today).
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
    private final BreakpointTable breakpoints;
    private final List<TargetListener> listeners = new CopyOnWriteArrayList<>();
    private final Disassembler disassembler = new Disassembler(Syntax.ATT);
    /** Registers and memory at the current stop, through its cache. */
    private final StoppedProgram program;
    private final ModuleTracker modules;
    private final Backtraces stacks;
    private final StepEngine steps;
    private final UserBreakpoints userBreakpoints;
    private final RunControl run;

    private Target(Backend backend, ProgramStdio stdio, StopEvent.Stopped initial) {
        this.backend = backend;
        this.stdio = stdio;
        this.breakpoints = new BreakpointTable(backend);
        this.program = new StoppedProgram(backend, this::requireStopped);
        this.modules = new ModuleTracker(backend, program::readRaw, () -> state() == State.STOPPED, program::forgetStacks);
        this.stacks = new Backtraces(backend, program::cache, modules, breakpoints::all);
        this.steps = new StepEngine(backend, breakpoints, this::decodeRaw, modules::snapshot);
        this.userBreakpoints = new UserBreakpoints(backend, breakpoints, modules, this::requireAlive, program::forget,
                (bp, removed) -> emit(new TargetEvent.BreakpointChanged(bp, removed)));
        this.run = new RunControl(backend, initial, program, modules, breakpoints, steps, this::emit);
    }

    /** Starts a program, stopped at its very first instruction (reason ENTRY). */
    public static Target launch(LaunchSpec spec) {
        TargetListener[] relay = new TargetListener[1];
        PtraceBackend backend = PtraceBackend.launch(spec,
                tid -> relay[0].onEvent(new TargetEvent.ThreadStarted(tid)),
                tid -> relay[0].onEvent(new TargetEvent.ThreadExited(tid)));
        ProgramStdio stdio = ProgramStdio.fromFds(backend.stdioFds(), Files::closeQuietly);
        long pc = backend.registers(backend.pid()).rip();
        Target t = new Target(backend, stdio, StopEvent.Stopped.simple(StopEvent.Reason.ENTRY, backend.pid(), pc));
        relay[0] = t::emit;
        t.userBreakpoints.watchLibraryLoads();
        return t;
    }

    /**
     * Attaches to a running process (all its threads stop, reason PAUSE). Closing the target
     * detaches and lets the process run on; its stdio stays its own.
     */
    public static Target attach(int pid) {
        TargetListener[] relay = new TargetListener[1];
        PtraceBackend backend = PtraceBackend.attach(pid,
                tid -> relay[0].onEvent(new TargetEvent.ThreadStarted(tid)),
                tid -> relay[0].onEvent(new TargetEvent.ThreadExited(tid)));
        long pc = backend.registers(pid).rip();
        Target t = new Target(backend, new ProgramStdio(null, null, null),
                StopEvent.Stopped.simple(StopEvent.Reason.PAUSE, pid, pc));
        relay[0] = t::emit;
        t.userBreakpoints.watchLibraryLoads();
        return t;
    }

    public void addListener(TargetListener listener) {
        listeners.add(listener);
    }

    public void removeListener(TargetListener listener) {
        listeners.remove(listener);
    }

    private void emit(TargetEvent event) {
        for (TargetListener l : listeners) l.onEvent(event);
    }

    // ---- state ------------------------------------------------------------------------------

    public int pid() {
        return backend.pid();
    }

    public State state() {
        return run.state();
    }

    public StopEvent lastStop() {
        return run.lastStop();
    }

    /** The thread that last stopped, which steps and register reads default to. */
    public int currentThread() {
        return run.currentThread();
    }

    public void selectThread(int tid) {
        run.selectThread(tid);
    }

    public List<Integer> threads() {
        return backend.threads();
    }

    public ProgramStdio stdio() {
        return stdio;
    }

    // ---- registers and memory -----------------------------------------------------------------

    public Registers registers() {
        return registers(currentThread());
    }

    public Registers registers(int tid) {
        return program.registers(tid);
    }

    public void setRegister(int tid, String name, long value) {
        program.setRegister(tid, name, value);
    }

    public FpRegisters fpRegisters(int tid) {
        return program.fpRegisters(tid);
    }

    public void setFpRegisters(int tid, FpRegisters fp) {
        program.setFpRegisters(tid, fp);
    }

    /** Reads up to {@code length} bytes; the result is shorter where memory is not mapped. */
    public byte[] readMemory(long address, int length) {
        return program.readMemory(address, length);
    }

    public void writeMemory(long address, byte[] data) {
        program.writeMemory(address, data);
    }

    /** The auxiliary vector (AT_ENTRY, AT_RANDOM, AT_SYSINFO_EHDR, …) as the program received it. */
    public java.util.Map<Long, Long> auxv() {
        requireAlive();
        return backend.auxv();
    }

    // ---- symbols ------------------------------------------------------------------------------

    /**
     * The ELF objects loaded in the program. Read from its memory map when first asked and again
     * when a lookup misses (a library was loaded since), at most once per stop.
     */
    public ModuleMap modules() {
        return modules.modules();
    }

    /** The ELF objects loaded now: the memory map is read again unless it already was at this stop. */
    public ModuleMap modulesNow() {
        return modules.modulesNow();
    }

    /** {@code main+4}-style name of an address, or empty when no loaded object has a symbol there. */
    public Optional<String> symbolize(long address) {
        return modules.symbolize(address);
    }

    /** The runtime address of a symbol: the main executable first, then the loaded libraries. */
    public java.util.OptionalLong addressOf(String symbol) {
        return modules.addressOf(symbol);
    }

    /** Where the program itself starts (its ELF entry point, relocated). */
    public long entryPoint() {
        return auxv().get(dev.hindsight.tracer.ptrace.Auxv.AT_ENTRY);
    }

    // ---- breakpoints --------------------------------------------------------------------------

    public Breakpoint addBreakpoint(String location, List<Long> addresses) {
        return userBreakpoints.add(location, addresses);
    }

    public Breakpoint addBreakpoint(long address) {
        return addBreakpoint("*0x" + Long.toHexString(address), List.of(address));
    }

    /**
     * A hardware data breakpoint: stops after an instruction writes (or reads or writes) the
     * {@code length} bytes at {@code address}. Lengths 1, 2, 4, 8, naturally aligned; four at most.
     */
    public Breakpoint addWatchpoint(long address, int length, WatchKind kind) {
        return userBreakpoints.addWatch(address, length, kind);
    }

    public boolean removeBreakpoint(int id) {
        return userBreakpoints.remove(id);
    }

    public List<Breakpoint> breakpoints() {
        return breakpoints.all();
    }

    // ---- execution ----------------------------------------------------------------------------

    /** Executes one instruction of the current thread. */
    public CompletableFuture<StopEvent> stepInstruction() {
        return stepInstruction(currentThread());
    }

    public CompletableFuture<StopEvent> stepInstruction(int tid) {
        return run.execute(tid, false, b -> b.resume(Resume.step(tid)));
    }

    /**
     * Executes one instruction, but a {@code call} runs to its return (gdb's {@code nexti}): a
     * breakpoint, signal or pause inside the callee stops there instead. Recursion-safe: the
     * return is recognised by the stack pointer coming back, not by the address alone.
     */
    public CompletableFuture<StopEvent> stepOverInstruction() {
        return stepOverInstruction(currentThread());
    }

    public CompletableFuture<StopEvent> stepOverInstruction(int tid) {
        requireStopped();
        Optional<Instruction> insn = instructionAt(backend.registers(tid).rip());
        if (insn.isEmpty() || !insn.get().isCall()) return stepInstruction(tid);
        return run.execute(tid, true, b -> steps.stepOverCall(tid, insn.get()));
    }

    /** gdb's {@code next}: to the next source line in this function, running calls to completion. */
    public CompletableFuture<StopEvent> stepLine() {
        return stepLine(currentThread());
    }

    public CompletableFuture<StopEvent> stepLine(int tid) {
        modules();
        return run.execute(tid, true, b -> steps.lineOver(tid, run::pauseRequested));
    }

    /** gdb's {@code step}: to the next source line, entering called functions that have line information. */
    public CompletableFuture<StopEvent> stepIntoLine() {
        return stepIntoLine(currentThread());
    }

    public CompletableFuture<StopEvent> stepIntoLine(int tid) {
        modules();
        return run.execute(tid, true, b -> steps.lineInto(tid, run::pauseRequested));
    }

    /**
     * gdb's {@code finish}: runs until the current function returns to its caller and stops at the
     * return address; {@link #lastReturnValue()} then holds rax and xmm0 as the function left them.
     */
    public CompletableFuture<StopEvent> stepOut() {
        return stepOut(currentThread());
    }

    public CompletableFuture<StopEvent> stepOut(int tid) {
        requireStopped();
        modules();
        return run.execute(tid, true, b -> steps.stepOut(tid));
    }

    /** What the function left in the return registers at the last {@link #stepOut()}; empty otherwise. */
    public Optional<ReturnValue> lastReturnValue() {
        return Optional.ofNullable(steps.lastReturn());
    }

    // ---- source -------------------------------------------------------------------------------

    /** Source queries (lines, functions) over the modules loaded now. */
    public dev.hindsight.tracer.source.SourceView source() {
        return new dev.hindsight.tracer.source.SourceView(modules());
    }

    /** File, line, column and function at {@code pc}, when a loaded module has line information. */
    public Optional<dev.hindsight.tracer.source.SourcePoint> sourceAt(long pc) {
        return source().at(pc);
    }

    /**
     * A breakpoint on a source line. A line without code moves to the next line that has some;
     * the breakpoint's location names the line it landed on. Unresolved: an unverified breakpoint.
     */
    public Breakpoint addLineBreakpoint(String file, int line) {
        return userBreakpoints.addLine(file, line);
    }

    /** A breakpoint after the prologue of a function (by plain or qualified name), or on its symbol. */
    public Breakpoint addFunctionBreakpoint(String name) {
        return userBreakpoints.addFunction(name);
    }

    /** Runs to where gdb's {@code break main} stops: main after its prologue (or main's symbol). */
    public CompletableFuture<StopEvent> runToMain() {
        java.util.OptionalLong a = modules.functionBreakpoint("main");
        if (a.isEmpty()) return CompletableFuture.failedFuture(new TargetStateException("the program has no main"));
        return runTo(a.getAsLong());
    }

    /**
     * The thread's stack, innermost frame first, at most {@code maxFrames} deep, as gdb's
     * {@code bt} lists it: inlined calls and tail calls are frames of their own, signal
     * trampolines appear as {@code <signal handler called>}, and the list ends at main (or the
     * entry point, or a thread's first function).
     */
    public List<Frame> backtrace(int tid, int maxFrames) {
        requireStopped();
        return stacks.of(tid, maxFrames, lastStop());
    }

    public List<Frame> backtrace() {
        return backtrace(currentThread(), 256);
    }

    // ---- values -----------------------------------------------------------------------------

    /** Local variables in scope at the frame's pc, innermost lexical block first (parameters excluded). */
    public List<dev.hindsight.tracer.values.Variable> locals(Frame frame) {
        requireStopped();
        return values(frame).locals(frame);
    }

    /** The parameters of the frame's function, in declaration order. */
    public List<dev.hindsight.tracer.values.Variable> arguments(Frame frame) {
        requireStopped();
        return values(frame).arguments(frame);
    }

    /** Globals and statics of the compilation unit of the frame's pc (file-scope first, then function statics). */
    public List<dev.hindsight.tracer.values.Variable> globals(Frame frame) {
        requireStopped();
        return values(frame).globals(frame);
    }

    /**
     * A C expression in the frame's scope: variables, registers ({@code $rax}), arithmetic,
     * comparison, member access, indexing, dereference, address-of, casts, {@code sizeof}, gdb's
     * artificial arrays ({@code *p@3}), and assignment ({@code x = 5}, {@code x += 2} write the
     * program's variable, as gdb's {@code print x = 5} does).
     * The result prints as gdb's {@code print} shows it.
     *
     * @throws dev.hindsight.tracer.values.EvaluationException with a message for the user
     */
    public dev.hindsight.tracer.values.Variable evaluate(String expression, Frame frame) {
        requireStopped();
        return values(frame).evaluate(expression, frame);
    }

    /**
     * Writes the value of {@code expression} (evaluated in the frame) to a writable variable and
     * returns it as it reads back.
     *
     * @throws dev.hindsight.tracer.values.EvaluationException when it is not writable or the value does not fit
     */
    public dev.hindsight.tracer.values.Variable assign(dev.hindsight.tracer.values.Variable variable, String expression, Frame frame) {
        requireStopped();
        return values(frame).assign(variable, expression, frame);
    }

    /** The values engine as the frame's thread sees the program: its registers, its thread-local storage. */
    private dev.hindsight.tracer.values.Values values(Frame frame) {
        return new dev.hindsight.tracer.values.Values(program.access(frame.tid(), this::modules));
    }

    // ---- disassembly --------------------------------------------------------------------------

    /** The instruction at {@code address} as the program has it (breakpoints hidden). */
    public Optional<Instruction> instructionAt(long address) {
        byte[] code = readMemory(address, Disassembler.MAX_INSTRUCTION_LENGTH);
        return disassembler.decodeOne(code, address);
    }

    /** Up to {@code count} instructions from {@code address}; undecodable bytes appear as {@code (bad)}. */
    public List<Instruction> disassemble(long address, int count) {
        byte[] code = readMemory(address, Math.max(0, count) * Disassembler.MAX_INSTRUCTION_LENGTH);
        return disassembler.disassemble(code, address, count);
    }

    public void setDisassemblySyntax(Syntax syntax) {
        disassembler.setSyntax(syntax);
    }

    public Syntax disassemblySyntax() {
        return disassembler.syntax();
    }

    /** Runs all threads until a breakpoint, signal, pause or exit. */
    public CompletableFuture<StopEvent> resume() {
        int tid = currentThread();
        return run.execute(tid, true, b -> b.resume(Resume.proceed(tid)));
    }

    /** Runs until {@code address} is reached (or anything else stops the program first). */
    public CompletableFuture<StopEvent> runTo(long address) {
        int tid = currentThread();
        return run.execute(tid, true, b -> steps.runToAddress(tid, address));
    }

    /**
     * Single-steps up to {@code maxSteps} instructions on the engine's thread, calling the
     * observer after each; one future for the whole run, and one stop event at its end.
     */
    public CompletableFuture<StopEvent> trace(long maxSteps, StepObserver observer) {
        int tid = currentThread();
        return run.execute(tid, false, b -> b.trace(tid, maxSteps, observer));
    }

    /** Asks a running program to stop; the pending request completes with reason PAUSE. */
    public void pause() {
        run.pause();
    }

    /**
     * Kills the program. A pending request completes with the exit; a stopped program is reaped
     * and reported as exited all the same. Either way {@link TargetEvent.Exited} comes once.
     */
    public void kill() {
        run.kill();
    }

    /** Decodes at pc through the backend, usable while an operation runs (no state check). */
    private Optional<Instruction> decodeRaw(long pc) {
        return disassembler.decodeOne(program.readRaw(pc, Disassembler.MAX_INSTRUCTION_LENGTH), pc);
    }

    private void requireStopped() {
        run.requireStopped();
    }

    private void requireAlive() {
        run.requireAlive();
    }

    /** Kills the program if it still runs and releases everything it held. */
    @Override
    public void close() {
        backend.close();
        stdio.close();
        disassembler.close();
        run.closed();
    }
}
