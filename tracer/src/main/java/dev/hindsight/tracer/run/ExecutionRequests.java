package dev.hindsight.tracer.run;

import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.TargetStateException;
import dev.hindsight.tracer.backend.Resume;
import dev.hindsight.tracer.backend.StepObserver;
import dev.hindsight.tracer.disasm.Instruction;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.step.ReturnValue;
import dev.hindsight.tracer.step.StepEngine;
import dev.hindsight.tracer.symbols.ModuleTracker;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import java.util.function.IntToLongFunction;
import java.util.function.LongFunction;

/**
 * The execution requests a front end makes ({@code target.execution()}: continue, run to, gdb's
 * {@code stepi}, {@code nexti}, {@code next}, {@code step}, {@code finish}, a bounded trace), each
 * one {@link RunControl} operation built from the {@link StepEngine}'s steps, so a front end sees
 * one stop at its end. Each returns a future that completes at that stop, and is refused with
 * {@link TargetStateException} unless the program is stopped. A request without a thread is made
 * for the current one (the thread that last stopped).
 */
public final class ExecutionRequests {
    /** The thread's stack, innermost first, at most {@code maxFrames} deep. */
    public interface Backtrace {
        List<Frame> of(int tid, int maxFrames);
    }

    private final IntSupplier currentThread;
    private final IntToLongFunction pcOf;
    private final RunControl run;
    private final StepEngine steps;
    private final ModuleTracker modules;
    private final LongFunction<Optional<Instruction>> instructionAt;
    private final Backtrace backtrace;

    /**
     * @param currentThread the thread that last stopped
     * @param pcOf          a thread's pc, as the backend has it now
     * @param instructionAt the instruction at an address as the program has it (breakpoints hidden)
     */
    public ExecutionRequests(IntSupplier currentThread, IntToLongFunction pcOf, RunControl run, StepEngine steps,
                             ModuleTracker modules, LongFunction<Optional<Instruction>> instructionAt, Backtrace backtrace) {
        this.currentThread = currentThread;
        this.pcOf = pcOf;
        this.run = run;
        this.steps = steps;
        this.modules = modules;
        this.instructionAt = instructionAt;
        this.backtrace = backtrace;
    }

    private int current() { return currentThread.getAsInt(); }

    public CompletableFuture<StopEvent> resume() { return resume(current()); }

    public CompletableFuture<StopEvent> runTo(long address) { return runTo(current(), address); }

    public CompletableFuture<StopEvent> runToMain() { return runToMain(current()); }

    public CompletableFuture<StopEvent> stepInstruction() { return stepInstruction(current()); }

    public CompletableFuture<StopEvent> stepOverInstruction() { return stepOverInstruction(current()); }

    public CompletableFuture<StopEvent> stepLine() { return stepLine(current()); }

    public CompletableFuture<StopEvent> stepIntoLine() { return stepIntoLine(current()); }

    public CompletableFuture<StopEvent> stepOut() { return stepOut(current(), 0); }

    public CompletableFuture<StopEvent> stepOut(int tid) { return stepOut(tid, 0); }

    /** Up to {@code maxSteps} single steps on the current thread ({@link #trace(int, long, StepObserver)}). */
    public CompletableFuture<StopEvent> trace(long maxSteps, StepObserver observer) { return trace(current(), maxSteps, observer); }

    /**
     * "My code only" stepping (off unless set): line steps and step out never stop in code that
     * is not the program's own (code with line information in the executable or in a library
     * outside the system's library directories; not libc, the loader or PLT stubs). A step into
     * a library call comes back to the caller's next line, or stops in the program's own function
     * the library calls back; stepping out of main runs to the program's end unless a breakpoint
     * stops it first. Instruction steps are unaffected.
     */
    public void setMyCodeOnly(boolean on) { steps.setMyCodeOnly(on); }

    /** What the function left in the return registers at the last {@link #stepOut}; empty otherwise. */
    public Optional<ReturnValue> lastReturnValue() { return Optional.ofNullable(steps.lastReturn()); }

    /** Runs all threads until a breakpoint, signal, pause or exit. */
    public CompletableFuture<StopEvent> resume(int tid) {
        return run.execute(tid, true, b -> b.resume(Resume.proceed(tid)));
    }

    /** Runs until {@code address} is reached (or anything else stops the program first). */
    public CompletableFuture<StopEvent> runTo(int tid, long address) {
        return run.execute(tid, true, b -> steps.runToAddress(tid, address));
    }

    /** Runs to where gdb's {@code break main} stops: main after its prologue (or main's symbol). */
    public CompletableFuture<StopEvent> runToMain(int tid) {
        OptionalLong a = modules.functionBreakpoint("main");
        if (a.isEmpty()) return CompletableFuture.failedFuture(new TargetStateException("the program has no main"));
        return runTo(tid, a.getAsLong());
    }

    /** Executes one instruction of the thread. */
    public CompletableFuture<StopEvent> stepInstruction(int tid) {
        return run.execute(tid, false, b -> b.resume(Resume.step(tid)));
    }

    /**
     * One instruction; in my-code-only mode an instruction that enters code that is not the
     * program's own (a call into a PLT stub, a library) runs on to the program's own code (the
     * return, or a callback), so repeated steps (the learner's page's Auto-step) never stop in
     * libc or the loader. Otherwise {@link #stepInstruction(int)}.
     */
    public CompletableFuture<StopEvent> stepInstructionInOwnCode(int tid) {
        if (!steps.myCodeOnly()) return stepInstruction(tid);
        modules.modulesNow();
        return run.execute(tid, true, b -> b.resume(Resume.step(tid)).thenCompose(stop ->
                stop instanceof StopEvent.Stopped s && s.reason() == StopEvent.Reason.STEP && !steps.isOwnCode(s.pc())
                        ? steps.runToOwnCode(tid) : CompletableFuture.completedFuture(stop)));
    }

    /** gdb's {@code nexti}: one instruction, but a {@code call} runs to its return (recursion-safe). */
    public CompletableFuture<StopEvent> stepOverInstruction(int tid) {
        run.requireStopped();
        Optional<Instruction> insn = instructionAt.apply(pcOf.applyAsLong(tid));
        if (insn.isEmpty() || !insn.get().isCall()) return stepInstruction(tid);
        return run.execute(tid, true, b -> steps.stepOverCall(tid, insn.get()));
    }

    /** gdb's {@code next}: to the next source line in this function, running calls to completion. */
    public CompletableFuture<StopEvent> stepLine(int tid) {
        modules.modulesNow();
        return run.execute(tid, true, b -> steps.lineOver(tid, run::pauseRequested));
    }

    /** gdb's {@code step}: to the next source line, entering called functions that have line information. */
    public CompletableFuture<StopEvent> stepIntoLine(int tid) {
        modules.modulesNow();
        return run.execute(tid, true, b -> steps.lineInto(tid, run::pauseRequested));
    }

    /**
     * gdb's {@code finish} with frame {@code level} selected: runs until that frame returns to its
     * caller (level 0: the innermost frame, to its return address); the step engine then holds
     * what it returned.
     */
    public CompletableFuture<StopEvent> stepOut(int tid, int level) {
        run.requireStopped();
        modules.modulesNow();
        if (level == 0) return run.execute(tid, true, b -> steps.stepOut(tid));
        List<Frame> frames = backtrace.of(tid, level + 2);
        if (frames.size() < level + 2) throw new TargetStateException("frame " + level + " has no caller to return to");
        Frame f = frames.get(level);
        String function = f.function() != null ? f.function() : f.symbol();
        return run.execute(tid, true, b -> steps.stepOutTo(tid, function, frames.get(level + 1).pc(), f.cfa()));
    }

    /**
     * Single-steps up to {@code maxSteps} instructions on the engine's thread, calling the
     * observer after each; one future for the whole run, and one stop event at its end.
     */
    public CompletableFuture<StopEvent> trace(int tid, long maxSteps, StepObserver observer) {
        return run.execute(tid, false, b -> b.trace(tid, maxSteps, observer));
    }
}
