package dev.hindsight.tracer.travel;

import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.StopEvent.Reason;
import dev.hindsight.tracer.StopEvent.Stopped;
import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.backend.History;
import dev.hindsight.tracer.backend.Resume;
import dev.hindsight.tracer.disasm.Instruction;
import dev.hindsight.tracer.run.RunControl;
import dev.hindsight.tracer.source.SourceView;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The reverse half of execution control, for a target whose backend keeps the whole run
 * ({@link History}). Every request is refused unless the program is stopped, and ends in one stop
 * that the target's listeners hear of, like the forward requests.
 */
public final class TimeTravel {
    private final History history;
    private final Backend backend;
    private final RunControl run;
    private final Supplier<SourceView> source;
    private final LongFunction<Optional<Instruction>> decoder;
    private final Runnable forgetState;
    private final java.util.function.LongPredicate userBreakpointAt;
    /** Decoded instructions by pc: a reverse line step decodes every instruction it passes. */
    private final java.util.Map<Long, Optional<Instruction>> decoded = new java.util.HashMap<>();

    /**
     * @param source  the source view of the modules as last read
     * @param decoder decodes the instruction at a pc (the recorded code)
     */
    public TimeTravel(History history, Backend backend, RunControl run, Supplier<SourceView> source,
                      LongFunction<Optional<Instruction>> decoder, Runnable forgetState,
                      java.util.function.LongPredicate userBreakpointAt) {
        this.history = history;
        this.backend = backend;
        this.run = run;
        this.source = source;
        this.decoder = decoder;
        this.forgetState = forgetState;
        this.userBreakpointAt = userBreakpointAt;
    }

    /**
     * Answers {@code question} as at {@code time} (registers, memory, frames and values read
     * through the target inside it are those of that moment), then returns to the current time;
     * no stop is reported. For "what was x each time line 12 ran" without moving the user.
     */
    public synchronized <T> T at(long time, java.util.function.Supplier<T> question) {
        run.requireStopped();
        IllegalArgumentException outside = outside(time);
        if (outside != null) throw outside;
        long back = history.now();
        forgetState.run();
        history.inspect(time);
        try {
            return question.get();
        } finally {
            history.inspect(back);
            forgetState.run();
        }
    }

    /** Instructions in the run; times 0 .. length()-1. */
    public long length() { return history.length(); }

    /** The time the program is stopped at (its next instruction). */
    public long now() {
        run.requireStopped();
        return history.now();
    }

    /** How the recorded run ended, in words. */
    public String ending() { return history.ending(); }

    /** Goes to {@code time}: a stop (reason STEP) there, as if execution had arrived at it. */
    public CompletableFuture<StopEvent> goTo(long time) {
        IllegalArgumentException outside = outside(time);
        if (outside != null) return CompletableFuture.failedFuture(outside);
        int tid = run.currentThread();
        return run.execute(tid, true, b -> {
            history.seek(time);
            return done(here(time == 0 ? Reason.ENTRY : Reason.STEP));
        });
    }

    /** Back one instruction (gdb's {@code reverse-stepi}). */
    public CompletableFuture<StopEvent> stepBackInstruction() {
        int tid = run.currentThread();
        return run.execute(tid, false, b -> history.resumeBackward(Resume.step(tid)).thenApply(this::onBreakpoint));
    }

    /**
     * Going backwards, arriving at a user breakpoint's instruction is hitting it (the instruction
     * is "executed" in reverse), as gdb reports it; a jump to a time is not.
     */
    private StopEvent onBreakpoint(StopEvent stop) {
        if (stop instanceof Stopped s && s.reason() == Reason.STEP && userBreakpointAt.test(s.pc())) {
            return new Stopped(Reason.BREAKPOINT, s.tid(), s.pc(), null, java.util.OptionalLong.empty(), java.util.List.of(s.pc()));
        }
        return stop;
    }

    /** Back one instruction, passing a call whole (gdb's {@code reverse-nexti}). */
    public CompletableFuture<StopEvent> stepBackOverInstruction() {
        int tid = run.currentThread();
        return run.execute(tid, true, b -> {
            long t = history.now();
            if (t == 0) return done(here(Reason.ENTRY));
            long previous = ReverseLineStepper.previousInFrame(history, this::pcAt, this::decode, t);
            history.seek(previous);
            return done(onBreakpoint(here(previous == 0 ? Reason.ENTRY : Reason.STEP)));
        });
    }

    /** gdb's {@code reverse-next}: to the start of the previous line run in this function, calls passed whole. */
    public CompletableFuture<StopEvent> stepBackLine() {
        return reverseLine(ReverseLineStepper.Mode.OVER);
    }

    /** gdb's {@code reverse-step}: as {@link #stepBackLine()}, but entering (at their last line) calls with line information. */
    public CompletableFuture<StopEvent> stepBackIntoLine() {
        return reverseLine(ReverseLineStepper.Mode.INTO);
    }

    private CompletableFuture<StopEvent> reverseLine(ReverseLineStepper.Mode mode) {
        int tid = run.currentThread();
        SourceView view = source.get();
        return run.execute(tid, true, b -> {
            long to = new ReverseLineStepper(history, this::pcAt, this::decode, view, mode).run();
            history.seek(to);
            return done(onBreakpoint(here(to == 0 ? Reason.ENTRY : Reason.STEP)));
        });
    }

    /** gdb's {@code reverse-finish}: back to the call instruction that entered the current function. */
    public CompletableFuture<StopEvent> stepBackOut() {
        int tid = run.currentThread();
        return run.execute(tid, true, b -> {
            long call = history.callTimeOf(history.now());
            long to = Math.max(call, 0);
            history.seek(to);
            return done(onBreakpoint(here(call <= 0 ? Reason.ENTRY : Reason.STEP)));
        });
    }

    /** Back to the previous breakpoint or data-breakpoint hit, or to the start of the run. */
    public CompletableFuture<StopEvent> reverseContinue() {
        int tid = run.currentThread();
        return run.execute(tid, true, b -> history.resumeBackward(Resume.proceed(tid)));
    }

    private long pcAt(long time) {
        return history.pcAt(time);
    }

    /** Why {@code time} cannot be visited, or null when it can. */
    private IllegalArgumentException outside(long time) {
        if (time >= 0 && time < history.length()) return null;
        return new IllegalArgumentException("time " + time + " is outside the recording (0 to " + (history.length() - 1) + ")");
    }

    /** The recorded code does not change under the debugger (self-modifying code would be decoded as first seen). */
    private synchronized Optional<Instruction> decode(long pc) {
        if (decoded.size() > 100_000) decoded.clear();
        return decoded.computeIfAbsent(pc, decoder::apply);
    }

    private Stopped here(Reason reason) {
        int tid = backend.pid();
        return Stopped.simple(reason, tid, backend.registers(tid).rip());
    }

    private static CompletableFuture<StopEvent> done(StopEvent stop) {
        return CompletableFuture.completedFuture(stop);
    }
}
