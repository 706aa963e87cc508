package dev.hindsight.tracer.run;

import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target.State;
import dev.hindsight.tracer.TargetEvent;
import dev.hindsight.tracer.TargetListener;
import dev.hindsight.tracer.TargetStateException;
import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.breakpoints.Breakpoint;
import dev.hindsight.tracer.breakpoints.BreakpointTable;
import dev.hindsight.tracer.inspect.Frames;
import dev.hindsight.tracer.inspect.StoppedProgram;
import dev.hindsight.tracer.step.StepEngine;
import dev.hindsight.tracer.symbols.ModuleTracker;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Where the program is (stopped, running, exited) and the one way it moves: an execution request
 * is accepted only while it is stopped, runs as one backend operation, and ends in one recorded
 * stop that the listeners hear of. A pause or a kill may come from any thread at any time.
 */
public final class RunControl implements Frames.Stops {
    private final Backend backend;
    private final StoppedProgram program;
    private final ModuleTracker modules;
    private final BreakpointTable breakpoints;
    private final StepEngine steps;
    private final TargetListener listener;
    private final AtomicReference<State> state = new AtomicReference<>(State.STOPPED);
    private final AtomicBoolean exitReported = new AtomicBoolean();
    private volatile StopEvent lastStop;
    private volatile int currentTid;
    private volatile boolean pauseRequested;

    /**
     * @param initial  how the program came to be stopped when the debugger took it
     * @param listener hears every {@link TargetEvent} this class causes
     */
    public RunControl(Backend backend, StopEvent.Stopped initial, StoppedProgram program, ModuleTracker modules,
                      BreakpointTable breakpoints, StepEngine steps, TargetListener listener) {
        this.backend = backend;
        this.program = program;
        this.modules = modules;
        this.breakpoints = breakpoints;
        this.steps = steps;
        this.listener = listener;
        this.lastStop = initial;
        this.currentTid = initial.tid();
    }

    public State state() {
        return state.get();
    }

    public StopEvent lastStop() {
        return lastStop;
    }

    /** The thread that last stopped, which steps and register reads default to. */
    public int currentThread() {
        return currentTid;
    }

    public void selectThread(int tid) {
        if (!backend.threads().contains(tid)) throw new IllegalArgumentException("no thread " + tid);
        currentTid = tid;
    }

    /** Whether a pause was asked for during the running operation (line steps check it between steps). */
    public boolean pauseRequested() {
        return pauseRequested;
    }

    public void requireStopped() {
        State s = state.get();
        if (s != State.STOPPED) {
            throw new TargetStateException(s == State.RUNNING ? "the program is running" : "the program has exited");
        }
    }

    public void requireAlive() {
        if (state.get() == State.EXITED) throw new TargetStateException("the program has exited");
    }

    /**
     * Runs {@code op} on the backend if the program is stopped (else a failed future); the result
     * completes at the stop it ends in, after the stop is recorded and the listeners told.
     */
    public CompletableFuture<StopEvent> execute(int tid, boolean allThreads,
                                                Function<Backend, CompletableFuture<StopEvent>> op) {
        if (!backend.executes() && state.get() == State.STOPPED) {
            return CompletableFuture.failedFuture(new TargetStateException("The program is not being run."));
        }
        // Before the state changes: no pause can be asked for in between (pause() needs RUNNING).
        if (state.get() == State.STOPPED) backend.discardPause();
        if (!state.compareAndSet(State.STOPPED, State.RUNNING)) {
            return CompletableFuture.failedFuture(new TargetStateException(
                    state.get() == State.RUNNING ? "the program is running" : "the program has exited"));
        }
        pauseRequested = false;
        steps.forgetReturn();
        program.forget();
        CompletableFuture<StopEvent> result = new CompletableFuture<>();
        CompletableFuture<StopEvent> inner;
        try {
            inner = op.apply(backend);
        } catch (RuntimeException e) {
            // Refused before the program moved (e.g. no return address to run to): it stays
            // stopped where it was, so no Continued is told (a client would wait for a stop forever).
            state.set(State.STOPPED);
            return CompletableFuture.failedFuture(e);
        }
        // Told before the stop can be: the stop is handed on only once this listener is attached.
        listener.onEvent(new TargetEvent.Continued(tid, allThreads));
        inner.whenComplete((stop, error) -> {
            if (error != null) {
                state.set(backend.exited() ? State.EXITED : State.STOPPED);
                result.completeExceptionally(error);
                return;
            }
            result.complete(arrive(stop));
        });
        return result;
    }

    /** Asks a running program to stop; the pending request completes with reason PAUSE. */
    public void pause() {
        if (state.get() == State.RUNNING) {
            pauseRequested = true;
            backend.requestPause();
        }
    }

    /**
     * Kills the program. A pending request completes with the exit; a stopped program is reaped
     * and reported as exited all the same. Either way {@link TargetEvent.Exited} comes once.
     */
    public void kill() {
        if (state.get() == State.EXITED && exitReported.get()) return;
        // No request may start while it dies.
        state.compareAndSet(State.STOPPED, State.RUNNING);
        backend.kill().thenAccept(this::arrive);
    }

    /** The program is gone for good (the target was closed). */
    public void closed() {
        state.set(State.EXITED);
    }

    /** Records a stop, updates state and tells the listeners. */
    private StopEvent arrive(StopEvent stop) {
        lastStop = stop;
        modules.newStop();
        if (stop instanceof StopEvent.Exited exited) {
            state.set(State.EXITED);
            // Both a resumption and the kill that ended it report the death.
            if (exitReported.compareAndSet(false, true)) listener.onEvent(new TargetEvent.Exited(exited));
        } else if (stop instanceof StopEvent.Stopped stopped) {
            currentTid = stopped.tid();
            program.arrived(stopped.tid());
            Breakpoint.Kind kind = stopped.reason() == StopEvent.Reason.WATCHPOINT ? Breakpoint.Kind.DATA : Breakpoint.Kind.CODE;
            List<Integer> ids = breakpoints.hitAt(stopped.breakpointAddresses(), kind);
            state.set(State.STOPPED);
            listener.onEvent(new TargetEvent.Stopped(stopped, ids));
        }
        return stop;
    }
}
