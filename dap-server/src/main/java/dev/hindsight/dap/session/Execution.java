package dev.hindsight.dap.session;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.TargetEvent;
import dev.hindsight.tracer.travel.TimeTravel;
import dev.hindsight.dap.variables.Evaluation;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Run control and the stop policy: starts every resumption (clearing reference handles), and
 * decides what each engine stop means to the client — the stopped reason, whether breakpoint
 * conditions and hit counts let it stand, log points, and silently resuming past breakpoints
 * that do not stop. Session thread only.
 */
public final class Execution {
    /** Why the program was resumed; decides how the next stop is reported. */
    enum Intent { CONTINUE, STEP, GOTO, ENTRY, INTERNAL }

    private static final long STEP_GRACE_MILLIS = 2_000, PAUSE_TIMEOUT_MILLIS = 10_000;

    private final Session session;
    private Intent intent = Intent.CONTINUE;
    /**
     * What continuing means for the current continue: forwards, or backwards for a reverse
     * continue (a breakpoint that does not stop, or a hidden pause, goes on the same way).
     */
    private Supplier<CompletableFuture<StopEvent>> continuing;
    private CompletableFuture<StopEvent> running;
    private CompletableFuture<StopEvent> quickStep;
    /** A resumption is under way whose stop has not been reported yet. */
    private boolean awaitingReport;
    private final List<AtStop> atNextStop = new java.util.ArrayList<>();

    private record AtStop(Runnable run, java.util.function.Consumer<Throwable> failed) { }
    /** Stops we caused ourselves (a pause to change breakpoints) and will not report. */
    private int hiddenStops;
    private boolean killed;
    private boolean ended;

    private final InputWait inputWait;

    Execution(Session session) {
        this.session = session;
        this.inputWait = new InputWait(session::post, waiting -> session.events().waitingForInput(waiting));
    }

    void reset() {
        intent = Intent.CONTINUE;
        continuing = null;
        running = null;
        quickStep = null;
        awaitingReport = false;
        failAtNextStop("the program was replaced");
        hiddenStops = 0;
        inputWait.forget();
        killed = false;
        ended = false;
        session.events().forgetProgram();
    }

    public void continueProgram() {
        continueWith(session.target().execution()::resume);
    }

    /**
     * DAP's reverseContinue: back to the previous breakpoint hit, conditions, hit counts and log
     * points deciding as for a forward continue (a hit that does not stop goes on backwards).
     */
    public void reverseContinue(TimeTravel travel) {
        continueWith(travel::reverseContinue);
    }

    private void continueWith(Supplier<CompletableFuture<StopEvent>> op) {
        run(Intent.CONTINUE, op);
        continuing = op;
    }

    /** A jump to another time (goto, a timeline click): reported with reason {@code goto}. */
    public void goTo(TimeTravel travel, long time) {
        run(Intent.GOTO, () -> travel.goTo(time));
    }

    /** A step request: {@code op} is the engine's step of the chosen granularity. */
    public void step(Supplier<CompletableFuture<StopEvent>> op) {
        run(Intent.STEP, op);
    }

    public void pause() {
        session.target().pause();
    }

    /** stopOnEntry: to main after its prologue, or the program's entry point when it has no main. */
    void runToEntry() {
        Target t = session.target();
        OptionalLong main = t.symbols().source().functionBreakpoint("main");
        if (main.isEmpty()) main = t.symbols().addressOf("main");
        long to = main.isPresent() ? main.getAsLong() : t.symbols().entryPoint();
        if (t.registers().current().pc() == to) {
            session.events().stopped(StopEvent.Stopped.simple(StopEvent.Reason.ENTRY, t.currentThread(), to), "entry", null, List.of());
            return;
        }
        run(Intent.ENTRY, () -> t.execution().runTo(to));
    }

    void reportAttached() {
        Target t = session.target();
        session.events().stopped(StopEvent.Stopped.simple(StopEvent.Reason.PAUSE, t.currentThread(), t.registers().current().pc()),
                "pause", "attached", List.of());
    }

    /**
     * Runs {@code run} now when the program's last stop has been reported, else just after the
     * next stopped event; {@code failed} learns why when the program ends or is dropped first.
     */
    public void atNextReportedStop(Runnable run, java.util.function.Consumer<Throwable> failed) {
        if (!session.hasProgram()) {
            failed.accept(new DapException(ErrorCode.NOT_STOPPED, "no program is being debugged"));
        } else if (ended || session.target().state() == Target.State.EXITED) {
            failed.accept(new DapException(ErrorCode.NOT_STOPPED, "the program has ended"));
        } else if (!awaitingReport && session.target().state() == Target.State.STOPPED) {
            run.run();
        } else {
            atNextStop.add(new AtStop(run, failed));
        }
    }

    /** Called once each stopped event has been sent. */
    void stopReported() {
        awaitingReport = false;
        for (AtStop a : takeWaiting()) a.run().run();
    }

    void failAtNextStop(String why) {
        for (AtStop a : takeWaiting()) a.failed().accept(new DapException(ErrorCode.NOT_STOPPED, why));
    }

    /** What waits for the next stop, taken out first: running it may queue more for the stop after. */
    private List<AtStop> takeWaiting() {
        List<AtStop> due = List.copyOf(atNextStop);
        atNextStop.clear();
        return due;
    }

    /** Once, after a step request: waits up to {@code nanos} for the step to stop. */
    void awaitQuickStop(long nanos) {
        CompletableFuture<StopEvent> step = quickStep;
        quickStep = null;
        if (step == null) return;
        try {
            step.get(nanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // a longer step: its response goes now, its stop when it comes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Intent why, Supplier<CompletableFuture<StopEvent>> op) {
        session.stoppedTarget();
        Intent was = intent;
        intent = why;
        CompletableFuture<StopEvent> f;
        try {
            f = op.get();
            if (f.isCompletedExceptionally()) f.join(); // refused at once: the request fails with the reason
        } catch (RuntimeException e) {
            // Nothing ran: the stop already reported stands, and so do its variable references.
            intent = was;
            throw e;
        }
        session.handles().reset();
        running = f;
        awaitingReport = true;
        quickStep = why == Intent.STEP || why == Intent.GOTO ? f : null;
        f.whenComplete((stop, error) -> {
            if (error != null) session.post(() -> runFailed(error));
        });
        // A launched live program reads what the client types (a replay reads its recording, an
        // attached process a terminal of its own).
        LaunchArguments a = session.debuggee().launchArguments();
        if (a != null && a.trace() == null && session.recording().isEmpty()) inputWait.running(session.target().pid());
    }

    /**
     * Runs {@code change} with the program stopped. A running step is let finish first, so it
     * still ends as a step (a long one, e.g. over a call that waits for input, is paused after
     * {@link #STEP_GRACE_MILLIS} and reported as paused). A running continue is paused for it (the
     * pause is not reported) and continued afterwards, unless it stopped for a reason of its own.
     */
    public void whileStopped(Runnable change) {
        if (!session.hasProgram() || session.target().state() != Target.State.RUNNING) {
            change.run();
            return;
        }
        Target t = session.target();
        if (running == null) throw new DapException(ErrorCode.NOT_STOPPED, "the program is running; pause it first");
        boolean stepping = intent == Intent.STEP || intent == Intent.GOTO || intent == Intent.ENTRY;
        StopEvent stop = stepping ? await(STEP_GRACE_MILLIS) : null;
        if (stop == null) {
            t.pause();
            stop = await(PAUSE_TIMEOUT_MILLIS);
        }
        if (stop == null) throw new DapException(ErrorCode.NOT_STOPPED, "the program did not pause to change breakpoints");
        boolean ourPause = stop instanceof StopEvent.Stopped s && s.reason() == StopEvent.Reason.PAUSE;
        if (ourPause && !stepping) {
            hiddenStops++;
            change.run();
            run(intent, continuing != null ? continuing : t.execution()::resume);
        } else {
            change.run(); // it stopped or ended on its own (or a step was cut short): reported as usual
        }
    }

    /** The running resumption's stop, or null when it does not come within {@code millis} (or failed). */
    private StopEvent await(long millis) {
        try {
            return running.get(millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    void onTargetEvent(TargetEvent event) {
        if (!session.hasProgram()) return;
        if (event instanceof TargetEvent.Stopped s) {
            onStopped(s);
        } else if (event instanceof TargetEvent.Continued c) {
            // A step of one instruction resumes only the thread its request named, which the
            // client already knows (DAP: no event for what a request implies); a resumption of
            // every thread is news for the others. Saves a message on the hottest path.
            if (intent != Intent.INTERNAL && c.allThreads()) session.events().continued(c.tid());
        } else if (event instanceof TargetEvent.Exited x) {
            onExited(x.exit());
        } else if (event instanceof TargetEvent.ThreadStarted t) {
            session.events().threadStarted(t.tid());
        } else if (event instanceof TargetEvent.ThreadExited t) {
            session.events().threadExited(t.tid());
        } else if (event instanceof TargetEvent.BreakpointChanged c && !c.removed()) {
            session.breakpoints().resolved(c.breakpoint(), session.target()).ifPresent(session.events()::breakpointChanged);
        }
    }

    private void onStopped(TargetEvent.Stopped event) {
        if (hiddenStops > 0) {
            // Paused only to change breakpoints and resumed at once: still waiting as before, so
            // the client is told nothing (a page would otherwise take the focus back to its input).
            hiddenStops--;
            return;
        }
        inputWait.halted();
        session.handles().reset();
        StopEvent.Stopped stop = event.stop();
        if (stop.reason() == StopEvent.Reason.SIGNAL && event.breakpointIds().isEmpty() && session.recording().isEmpty()
                && !session.signalFilters().stops(stop.signal())) {
            // Its exception filter is off: the program gets the signal on resuming (the engine
            // keeps it pending), as under gdb's `handle SIGX nostop pass`; a step is given up.
            resumeQuietly();
            return;
        }
        List<DapBreakpoint> hit = session.breakpoints().byTargetIds(event.breakpointIds());
        List<DapBreakpoint> stopping = hit.isEmpty() ? hit
                : session.breakpoints().stopping(hit, this::evaluateInnermost, session.events()::console);
        if (!hit.isEmpty() && stopping.isEmpty()) {
            if (intent == Intent.CONTINUE || intent == Intent.INTERNAL) {
                resumeQuietly();
                return;
            }
            session.events().stopped(stop, "step", null, List.of());
            return;
        }
        String reason = reason(stop, stopping);
        String description = stop.reason() == StopEvent.Reason.SIGNAL && stop.signal() != null ? describe(stop) : null;
        if (stop.reason() == StopEvent.Reason.END_OF_HISTORY && stopping.isEmpty()) {
            description = "End of the recording";
            String ending = session.recording().map(r -> r.travel().ending()).orElse("the recording ends");
            session.events().console("The recording ends here: " + ending + "\n");
        }
        session.events().stopped(stop, reason, description, stopping.stream().map(b -> b.id).toList());
    }

    private String reason(StopEvent.Stopped stop, List<DapBreakpoint> stopping) {
        if (!stopping.isEmpty()) return stopping.get(0).kind.reason;
        if (intent == Intent.GOTO) return "goto";
        return switch (stop.reason()) {
            case ENTRY, EXEC -> "entry";
            case STEP, END_OF_HISTORY -> "step";
            case PAUSE -> "pause";
            case SIGNAL -> "exception";
            case WATCHPOINT -> "data breakpoint";
            case BREAKPOINT -> intent == Intent.ENTRY ? "entry" : intent == Intent.STEP ? "step" : "breakpoint";
        };
    }

    static String describe(StopEvent.Stopped stop) {
        String d = stop.signal().description() + " (" + stop.signal().name() + ")";
        if (stop.faultAddress().isPresent()) d += String.format(" at address 0x%x", stop.faultAddress().getAsLong());
        return d;
    }

    private void resumeQuietly() {
        Intent was = intent;
        try {
            run(Intent.INTERNAL, continuing != null ? continuing : session.target().execution()::resume);
            intent = Intent.INTERNAL;
        } catch (RuntimeException e) {
            intent = was;
            session.events().console("cannot resume after a breakpoint that does not stop: " + e.getMessage() + "\n");
        }
    }

    /**
     * Kills the program; exited and terminated follow from the engine's exit (a pending
     * resumption ends with it, a stopped program is reaped and reported all the same).
     */
    void kill() {
        killed = true;
        session.target().kill();
    }

    private void runFailed(Throwable error) {
        inputWait.halted();
        Throwable cause = error.getCause() != null && error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
        if (killed || session.hasProgram() && session.target().state() == Target.State.EXITED) {
            // The program died under the resumption (we killed it meanwhile): no exit status came with it.
            endWithoutStatus();
            return;
        }
        session.events().console("execution failed: " + cause.getMessage() + "\n");
        if (session.hasProgram() && session.target().state() == Target.State.STOPPED) {
            Target t = session.target();
            try {
                session.events().stopped(StopEvent.Stopped.simple(StopEvent.Reason.PAUSE, t.currentThread(), t.registers().current().pc()),
                        "pause", "stopped: " + cause.getMessage(), List.of());
            } catch (RuntimeException e) {
                session.events().console("the program is in an unknown state (" + e.getMessage() + "); terminate or restart it\n");
            }
        }
    }

    /** The program is gone but the engine reported no exit: told as killed when we killed it. */
    private void endWithoutStatus() {
        inputWait.halted();
        if (ended) return;
        if (killed) {
            onExited(new StopEvent.Exited(0, dev.hindsight.tracer.Signal.of(9)));
        } else {
            ended = true;
            failAtNextStop("the program has ended");
            session.events().console("the program ended without an exit status\n");
            session.events().terminated();
        }
    }

    private void onExited(StopEvent.Exited exit) {
        inputWait.halted();
        if (ended) return;
        ended = true;
        failAtNextStop("the program has ended");
        Debuggee d = session.debuggee();
        session.handles().reset();
        // The exit is told after the program's last output has been sent.
        d.outputDrained().completeOnTimeout(null, 2, TimeUnit.SECONDS).thenRun(() -> session.post(() -> {
            if (session.debuggee() != d) return;
            session.events().exited(exit, session.limitReached(exit));
            session.events().terminated();
        }));
    }

    /** An expression's value in the innermost frame of the stopped thread (for conditions and log points). */
    String evaluateInnermost(String expression) {
        Target t = session.target();
        List<Frame> frames = t.frames().backtrace(t.currentThread(), 1);
        if (frames.isEmpty()) throw new IllegalStateException("no frame");
        return Evaluation.evaluate(t, expression, frames.get(0)).value();
    }
}
