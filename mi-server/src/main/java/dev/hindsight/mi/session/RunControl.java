package dev.hindsight.mi.session;

import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.TargetEvent;
import dev.hindsight.tracer.stack.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Resumptions and what the engine says back: why the program was resumed (the {@code *stopped}
 * reason follows from it), forwards or backwards, {@code until}/{@code advance}, ld.so's events,
 * jumps onto breakpoints reported hit at once, and the engine's events (stops, exits, threads,
 * pending breakpoints resolved) turned into gdb's records on the session's thread.
 */
final class RunControl {
    private final MiSession session;
    /** Whether the running request goes backwards (a breakpoint whose condition is false is passed backwards). */
    private boolean reversing;
    /** Frame 0 where the resumption under way began: a step that ends elsewhere shows its frame (gdb's SRC_AND_LOC). */
    private long stepStartCfa;
    private String stepStartFunction;
    /** An until under way, whose intermediate stops are not reported; null otherwise. */
    private UntilStops until;
    /** The engine breakpoint of ld.so's solib events ({@link SolibEvents}); -1: none. */
    private int solibEventBreakpoint = -1;
    /** Whether {@link #solibEventBreakpoint} was looked for in this program (a static one has none). */
    private boolean solibEventsPlanted;
    /** The libraries the last stop found unloaded and loaded. */
    private LibraryNotices.Changes libraryChanges = LibraryNotices.Changes.NONE;
    /** The resumption under way was asked for by a console command: gdb then shows the stop's source line. */
    private boolean resumedFromConsole;
    private MiSession.Intent intent = MiSession.Intent.CONTINUE;
    /** Completes when the resumption under way has been reported stopped (or the program ended). */
    private CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);
    private Long pcMovedTo;

    RunControl(MiSession session) {
        this.session = session;
    }

    CompletableFuture<Void> stoppedFuture() {
        return stopped;
    }

    boolean reversing() {
        return reversing;
    }

    /** Starts a resumption; its stop is reported as {@code *stopped} when it comes. */
    void resume(MiSession.Intent why, boolean backwards, Supplier<CompletableFuture<StopEvent>> op) {
        Target t = session.resumableTarget();
        Long moved = pcMovedTo;
        pcMovedTo = null;
        if (moved != null && !backwards && t.frames().backtrace(t.currentThread(), 1).get(0).pc() == moved && hitAtOnce(t, moved)) return;
        if (!backwards) followSolibEvents(t);
        intent = why;
        reversing = backwards;
        resumedFromConsole = session.consoleCommand();
        Frame start = t.frames().backtrace(t.currentThread(), 1).stream().findFirst().orElse(null);
        stepStartCfa = start == null ? 0 : start.cfa();
        stepStartFunction = start == null ? null : start.function();
        session.varObjects().beforeResume();
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
            if (error != null) session.post(() -> resumeFailed(t, error));
        });
    }

    /** {@code until} without a location: line steps that do not go back (a loop is left, not repeated). */
    void untilNextLine() {
        Target t = session.resumableTarget();
        UntilStops u = UntilStops.nextLine(t);
        resume(MiSession.Intent.STEP, false, () -> u.request(t));
        until = u;
    }

    /**
     * {@code until LOCATION}: to it in the selected frame, or to the selected frame's return,
     * whichever comes first; {@code advance} ({@code anywhere}) stops at it in any frame.
     */
    void untilLocation(long address, boolean anywhere) {
        Target t = session.resumableTarget();
        int selectedFrame = session.selectedFrameLevel();
        List<Frame> frames = t.frames().backtrace(t.currentThread(), selectedFrame + 2);
        Frame caller = frames.size() > selectedFrame + 1 ? frames.get(selectedFrame + 1) : null;
        UntilStops u = UntilStops.location(t, session.frame(), caller, address, anywhere);
        try {
            resume(MiSession.Intent.UNTIL, false, () -> u.request(t));
        } catch (MiException e) {
            u.end(t);
            throw e;
        }
        until = u;
    }

    /** {@code -exec-interrupt}: asks the running program to stop; reported as SIGINT, as gdb does. */
    void interrupt() {
        if (session.running()) {
            intent = MiSession.Intent.INTERRUPT;
            session.target().pause();
        }
    }

    /**
     * Plants or removes the breakpoint of ld.so's events as {@code stop-on-solib-events} now asks
     * (front ends turn it on before {@code -exec-run} and off after the first stop); a recording
     * has none.
     */
    private void followSolibEvents(Target t) {
        if (session.servesTrace()) return;
        boolean wanted = SolibEvents.wanted(session.settings());
        if (wanted && !solibEventsPlanted) {
            solibEventBreakpoint = SolibEvents.plant(t, session.program());
            solibEventsPlanted = true;
        } else if (!wanted && solibEventsPlanted) {
            if (solibEventBreakpoint >= 0) t.breakpoints().remove(solibEventBreakpoint);
            solibEventBreakpoint = -1;
            solibEventsPlanted = false;
        }
    }

    /** A new or forgotten program: no until under way, ld.so's event breakpoint not planted in it. */
    void forgetProgramState() {
        until = null;
        solibEventBreakpoint = -1;
        solibEventsPlanted = false;
    }

    /** Whether a stop's engine breakpoints include ld.so's event, asked for. */
    boolean solibEvent(List<Integer> engineIds) {
        return solibEventBreakpoint >= 0 && engineIds.contains(solibEventBreakpoint) && SolibEvents.wanted(session.settings());
    }

    LibraryNotices.Changes libraryChanges() {
        return libraryChanges;
    }

    MiSession.Intent intent() {
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

    /** A stop that was not asked for by a command (an attach): reported as gdb does, with the frame shown. */
    void expectStopShown() {
        intent = MiSession.Intent.CONTINUE;
        resumedFromConsole = true; // gdb shows where it stopped, MI or console alike
        stopped = new CompletableFuture<>();
    }

    void resumeQuietly() {
        Target t = session.target();
        CompletableFuture<StopEvent> f = reversing ? t.timeTravel().orElseThrow().reverseContinue() : t.execution().resume();
        f.whenComplete((stop, error) -> {
            if (error != null) session.post(() -> resumeFailed(t, error));
        });
    }

    void onEvent(Target t, TargetEvent event) {
        if (t != session.target()) return; // an old program's last words
        if (event instanceof TargetEvent.Stopped s) {
            if (until != null && until.goesOn(t, s, error -> session.post(() -> resumeFailed(t, error)))) return;
            until = null;
            session.selection().resetFrame();
            libraryChanges = session.libraries().update(t);
            if (session.stops().stopped(s)) {
                session.setListing(null); // the next plain `list` centres on the stop
                stopReported();
            }
        } else if (event instanceof TargetEvent.Exited x) {
            session.lifecycle().exited(t, x);
        } else if (event instanceof TargetEvent.ThreadStarted s) {
            session.out().notify("thread-created", MiTuple.of().add("id", session.threadNumbers().add(s.tid())).add("group-id", "i1"));
        } else if (event instanceof TargetEvent.ThreadExited s) {
            session.threadNumbers().remove(s.tid())
                    .ifPresent(n -> session.out().notify("thread-exited", MiTuple.of().add("id", n).add("group-id", "i1")));
        } else if (event instanceof TargetEvent.BreakpointChanged c && !c.removed()) {
            // a pending breakpoint resolved as a library loaded
            session.breakpoints().byEngineId(c.breakpoint().id()).filter(bp -> bp.kind != MiBreakpoint.Kind.WATCH).ifPresent(bp -> {
                long before = bp.address;
                if (Breakpoints.update(bp, c.breakpoint(), t) && before != bp.address) {
                    session.out().notify("breakpoint-modified", MiTuple.of().add("bkpt", bp.toTuple()));
                }
            });
        }
    }

    void stopReported() {
        if (!session.settings().async() && !stopped.isDone()) session.out().prompt();
        stopped.complete(null);
    }

    /** The program is gone: nobody waits for a stop any more. */
    void programEnded() {
        stopped.complete(null);
    }

    private void resumeFailed(Target t, Throwable error) {
        if (t != session.target()) return;
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        if (t.state() == Target.State.EXITED) return; // the exit event tells
        session.out().log("execution failed: " + cause.getMessage() + "\n");
        stopReported();
    }

    /**
     * {@code jump}: the program goes on from {@code address}. When an enabled breakpoint is there,
     * gdb stops at once and reports it hit, without running anything (Emacs's gud-jump is
     * {@code tbreak} + {@code jump} for "set the pc here"); so does this, through the stop reporter.
     */
    void jumpTo(long address) {
        Target t = session.resumableTarget();
        t.registers().set(t.currentThread(), "rip", address);
        if (!hitAtOnce(t, address)) resume(MiSession.Intent.CONTINUE, false, t.execution()::resume);
    }

    /**
     * The pc was moved ({@code -exec-return}) without the program stopping there: as in gdb, the
     * next resumption from it reports an enabled breakpoint there hit, without running anything.
     */
    void pcMoved(long address) {
        pcMovedTo = address;
    }

    /** Reports the enabled breakpoints at {@code address} hit, if there are any, through the stop reporter. */
    private boolean hitAtOnce(Target t, long address) {
        List<Integer> here = new ArrayList<>();
        for (MiBreakpoint bp : session.breakpoints().all()) {
            if (bp.enabled && bp.engineId != null && bp.address == address) here.add(bp.engineId);
        }
        if (here.isEmpty()) return false;
        intent = MiSession.Intent.CONTINUE;
        resumedFromConsole = session.consoleCommand();
        session.varObjects().beforeResume();
        stopped = new CompletableFuture<>();
        StopEvent.Stopped stop = new StopEvent.Stopped(StopEvent.Reason.BREAKPOINT, t.currentThread(), address, null,
                java.util.OptionalLong.empty(), List.of(address));
        session.post(() -> onEvent(t, new TargetEvent.Stopped(stop, here))); // after this command's ^running
        return true;
    }
}
