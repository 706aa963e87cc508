package dev.hindsight.tracer.step;

import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.StopEvent.Reason;
import dev.hindsight.tracer.StopEvent.Stopped;
import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.backend.Resume;
import dev.hindsight.tracer.disasm.Instruction;
import dev.hindsight.tracer.source.SourceLine;
import dev.hindsight.tracer.source.SourcePoint;
import dev.hindsight.tracer.source.SourceView;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Source-line stepping as gdb does it, run as one engine operation (one stop event at the end).
 * A step ends at the start of a statement row whose line differs from where it began, or at any
 * statement start once the frame was left by a return (returning mid-line into the caller keeps
 * stepping to its next line). {@code next} runs calls to completion; {@code step} enters callees
 * that have line information and stops after their prologue, and runs the others (PLT, libc
 * without debug info) to completion.
 *
 * <p>With "my code only" ({@link Engine#myCodeOnly}) no line step ends in code that is not the
 * program's own: {@code step} into a library call returns to the caller's next line, or stops
 * in the program's own function if the library calls it back first; a return out of the
 * outermost own frame runs on to the program's own code again, or to the program's end.
 */
final class LineStepper {
    enum Mode { OVER, INTO }

    /** The engine primitives a line step is made of; implemented by {@link StepEngine}. */
    interface Engine {
        Backend backend();

        Optional<Instruction> decode(long pc);

        SourceView source();

        /** Runs a call at pc to completion (recursion-aware) and reports where it returned. */
        CompletableFuture<StopEvent> stepOverCall(int tid, Instruction call);

        /** From a function's first instruction, runs back to its caller. */
        CompletableFuture<StopEvent> returnFromEntry(int tid);

        /** Runs to {@code address} in the current frame (a temporary breakpoint). */
        CompletableFuture<StopEvent> runToAddress(int tid, long address);

        /** Whether steps skip code that is not the program's own ({@link OwnCode}). */
        boolean myCodeOnly();

        boolean isOwnCode(long pc);

        /** From code that is not the program's own, runs until its own code runs again ({@link OwnCode#runToOwnCode}). */
        CompletableFuture<StopEvent> runToOwnCode(int tid);
    }

    private static final long MAX_INSTRUCTIONS = 5_000_000;

    private final Engine engine;
    private final Mode mode;
    private final int tid;
    private final BooleanSupplier pauseRequested;
    private SourceLine startLine;
    private boolean leftFrame;
    private long executed;

    LineStepper(Engine engine, Mode mode, int tid, BooleanSupplier pauseRequested) {
        this.engine = engine;
        this.mode = mode;
        this.tid = tid;
        this.pauseRequested = pauseRequested;
    }

    CompletableFuture<StopEvent> run() {
        long pc = engine.backend().registers(tid).rip();
        Optional<SourcePoint> here = engine.source().lineAt(pc);
        if (engine.myCodeOnly() && !engine.isOwnCode(pc)) {
            leftFrame = true; // wherever the program's own code is reached, a new line starts there
            return leaveForeignCode();
        }
        if (here.isEmpty()) {
            // No line information here (gdb: "single stepping until exit from function"): leave it.
            return engine.backend().resume(Resume.step(tid));
        }
        startLine = withoutColumn(here.get().line());
        return iterate();
    }

    /** What {@link #afterStep} answers when the step goes on. */
    private static final CompletableFuture<StopEvent> AGAIN = new CompletableFuture<>();

    private CompletableFuture<StopEvent> iterate() {
        while (true) {
            Backend b = engine.backend();
            long pc = b.registers(tid).rip();
            if (pauseRequested.getAsBoolean()) return done(Stopped.simple(Reason.PAUSE, tid, pc));
            if (++executed > MAX_INSTRUCTIONS) return done(Stopped.simple(Reason.STEP, tid, pc));
            Optional<Instruction> insn = engine.decode(pc);
            boolean isCall = insn.map(Instruction::isCall).orElse(false);
            boolean isReturn = insn.map(Instruction::isReturn).orElse(false);
            boolean enter = isCall && mode == Mode.INTO && (engine.myCodeOnly() || callTargetHasLines(insn.get()));
            CompletableFuture<StopEvent> step = isCall && !enter ? engine.stepOverCall(tid, insn.get()) : b.resume(Resume.step(tid));
            if (!step.isDone() || step.isCompletedExceptionally()) {
                return step.thenCompose(stop -> {
                    CompletableFuture<StopEvent> next = afterStep(stop, isReturn, enter);
                    return next == AGAIN ? iterate() : next;
                });
            }
            // A backend that answers at once (a recording's index): loop here, as chaining
            // completed futures would nest one stack frame per instruction of the line.
            CompletableFuture<StopEvent> next = afterStep(step.join(), isReturn, enter);
            if (next != AGAIN) return next;
        }
    }

    private CompletableFuture<StopEvent> afterStep(StopEvent stop, boolean isReturn, boolean enter) {
        if (!(stop instanceof Stopped s) || s.reason() != Reason.STEP) return done(stop);
        if (isReturn) leftFrame = true;
        if (enter) return enteredCallee(s.pc());
        if (engine.myCodeOnly() && !engine.isOwnCode(s.pc())) return leaveForeignCode(); // e.g. returned out of main
        return stopOrAgain(s);
    }

    /** Where a step ended in the program's own code: the stop if a new line starts there, else {@link #AGAIN}. */
    private CompletableFuture<StopEvent> stopOrAgain(Stopped stop) {
        Optional<SourcePoint> now = engine.source().lineAt(stop.pc());
        if (now.isEmpty()) return done(stop); // e.g. returned into code without line information
        if (now.get().line().line() == 0) return AGAIN;
        if (now.get().statementStart() && (leftFrame || !withoutColumn(now.get().line()).equals(startLine))) return done(stop);
        return AGAIN;
    }

    /** Where a step ended in the program's own code: stop if a new line starts there, else go on. */
    private CompletableFuture<StopEvent> landed(Stopped stop) {
        CompletableFuture<StopEvent> next = stopOrAgain(stop);
        return next == AGAIN ? iterate() : next;
    }

    /**
     * In code that is not the program's own: runs until its own code runs. Entering one of its
     * functions (a callback) stops after that function's prologue; coming back into one of its
     * frames goes on stepping to where a line starts (as after a call stepped over).
     */
    private CompletableFuture<StopEvent> leaveForeignCode() {
        return engine.runToOwnCode(tid).thenCompose(stop -> {
            if (!(stop instanceof Stopped s) || s.reason() != Reason.STEP) return done(stop);
            if (isFunctionEntry(engine, s.pc())) return afterPrologue(engine, tid, s.pc());
            return landed(s); // back in a frame of its own: a return out of the step's frame already set leftFrame
        });
    }

    /** For step out: at a function's entry, on past its prologue (a callback was entered); elsewhere, stop. */
    static CompletableFuture<StopEvent> afterFunctionEntry(Engine engine, int tid, long pc) {
        return isFunctionEntry(engine, pc) ? afterPrologue(engine, tid, pc) : done(Stopped.simple(Reason.STEP, tid, pc));
    }

    private static boolean isFunctionEntry(Engine engine, long pc) {
        return engine.source().at(pc).map(SourcePoint::functionLow).orElse(0L) == pc;
    }

    /** After stepping into a call: stop after the callee's prologue, or come back out if it has no lines. */
    private CompletableFuture<StopEvent> enteredCallee(long entry) {
        if (engine.myCodeOnly() && !engine.isOwnCode(entry)) return leaveForeignCode();
        if (engine.source().lineAt(entry).isEmpty()) {
            return engine.returnFromEntry(tid).thenCompose(this::continueUnlessStopped);
        }
        return afterPrologue(engine, tid, entry);
    }

    /** At a function's first instruction: on to where its body begins (gdb's {@code break FUNCTION}). */
    private static CompletableFuture<StopEvent> afterPrologue(Engine engine, int tid, long entry) {
        String function = engine.source().at(entry).map(SourcePoint::function).orElse(null);
        long body = function == null ? entry : engine.source().functionBreakpoint(function).orElse(entry);
        if (body == entry || body < entry) return done(Stopped.simple(Reason.STEP, tid, entry));
        return engine.runToAddress(tid, body).thenApply(stop -> stop instanceof Stopped s && s.reason() == Reason.BREAKPOINT
                && s.pc() == body ? Stopped.simple(Reason.STEP, tid, body) : stop);
    }

    private CompletableFuture<StopEvent> continueUnlessStopped(StopEvent stop) {
        if (!(stop instanceof Stopped s) || s.reason() != Reason.STEP) return done(stop);
        return iterate();
    }

    private boolean callTargetHasLines(Instruction call) {
        // An indirect call's target is unknown until taken: step in and come back out if need be.
        return call.branchTarget().isEmpty() || engine.source().lineAt(call.branchTarget().getAsLong()).isPresent();
    }

    private static SourceLine withoutColumn(SourceLine l) {
        return new SourceLine(l.file(), l.line(), 0);
    }

    private static CompletableFuture<StopEvent> done(StopEvent stop) {
        return CompletableFuture.completedFuture(stop);
    }
}
