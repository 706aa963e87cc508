package dev.hindsight.index.build;

import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.backend.Resume;
import dev.hindsight.tracer.confine.Sandbox;
import dev.hindsight.tracer.replay.RecordedTrace;
import dev.hindsight.tracer.replay.ReplayBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Cuts a recorded run into shards of about equal length without counting instructions: one
 * replay at full speed (no stepping: as fast as the program itself) measures the CPU time the
 * program takes ({@link TaskClock}); a second one is paused at each k/N of it and forked there
 * (a checkpoint). A
 * pause lands anywhere, at a system call or mid-computation; its {@link Position} (events
 * consumed, registers) is exact either way. Where the cuts fall only changes the shards' sizes,
 * never what the index says.
 */
final class CutPlanner {
    private static final System.Logger LOG = System.getLogger(CutPlanner.class.getName());

    private CutPlanner() {}

    /**
     * The shards' starting checkpoints (the first at the program's first instruction; at most
     * {@code shards}) and the replay they all descend from, kept stopped at the start: in a
     * sandbox it is the process that holds the PID namespace, so it must outlive them. (The cuts
     * are forked from a copy of it that runs ahead; that copy may end with the program.)
     */
    record Plan(List<Cut> cuts, ReplayBackend origin) implements AutoCloseable {
        @Override
        public void close() {
            for (Cut c : cuts) c.checkpoint().close();
            origin.close();
        }
    }

    static Plan plan(RecordedTrace trace, Sandbox sandbox, int shards) throws InterruptedException {
        long cpuNanos = shards == 1 ? 0 : fullSpeedCpuNanos(trace, sandbox);
        LOG.log(System.Logger.Level.INFO, "the run takes {0} ms of CPU at full speed; cutting it into {1} shards",
                String.format(java.util.Locale.ROOT, "%.1f", cpuNanos / 1e6), shards);
        List<Cut> cuts = new ArrayList<>();
        ReplayBackend origin = ReplayBackend.start(trace, sandbox);
        try {
            cuts.add(cutHere(origin, origin.pid()));
            if (shards > 1) {
                try (ReplayBackend runner = origin.checkpoint()) {
                    cutWhileRunning(runner, cpuNanos, shards, cuts);
                }
            }
            return new Plan(cuts, origin);
        } catch (RuntimeException | InterruptedException e) {
            new Plan(cuts, origin).close();
            throw e;
        }
    }

    /**
     * Runs {@code replay} at full speed, forking a checkpoint each time its CPU time passes k/N of
     * {@code cpuNanos}. The clock is polled: a cut lands within about a millisecond of its mark.
     */
    private static void cutWhileRunning(ReplayBackend replay, long cpuNanos, int shards, List<Cut> cuts) throws InterruptedException {
        int pid = replay.pid();
        long base = Math.max(0, TaskClock.nanos(pid));
        java.util.concurrent.CompletableFuture<StopEvent> running = replay.resume(Resume.proceed(pid));
        for (int k = 1; k < shards; k++) {
            long mark = base + cpuNanos * k / shards;
            StopEvent stop = null;
            while (stop == null) {
                stop = awaitFor(running, POLL_NANOS);
                if (stop instanceof StopEvent.Stopped s && s.reason() != StopEvent.Reason.PAUSE) {
                    // A signal the program gets (a fault it handles): it goes on, as recorded.
                    running = replay.resume(Resume.proceed(s.tid()));
                    stop = null;
                } else if (stop == null && TaskClock.nanos(pid) >= mark) {
                    replay.requestPause();
                    stop = await(running);
                    while (stop instanceof StopEvent.Stopped s && s.reason() != StopEvent.Reason.PAUSE) {
                        running = replay.resume(Resume.proceed(s.tid()));
                        replay.requestPause();
                        stop = await(running);
                    }
                }
            }
            if (stop instanceof StopEvent.Exited) return; // a short run: fewer shards
            StopEvent.Stopped paused = (StopEvent.Stopped) stop;
            cuts.add(cutHere(replay, paused.tid()));
            if (k + 1 < shards) running = replay.resume(Resume.proceed(paused.tid()));
        }
    }

    private static Cut cutHere(ReplayBackend replay, int tid) {
        Position at = new Position(replay.eventIndex(), replay.registers(tid).raw().clone());
        LOG.log(System.Logger.Level.DEBUG, "checkpoint at {0}", at);
        return new Cut(replay.checkpoint(), at);
    }

    /** The CPU time the replayed program takes at full speed, from its first instruction to its end. */
    private static long fullSpeedCpuNanos(RecordedTrace trace, Sandbox sandbox) throws InterruptedException {
        try (ReplayBackend replay = ReplayBackend.start(trace, sandbox)) {
            int pid = replay.pid();
            long base = Math.max(0, TaskClock.nanos(pid)), last = base;
            java.util.concurrent.CompletableFuture<StopEvent> running = replay.resume(Resume.proceed(pid));
            while (true) {
                StopEvent stop = awaitFor(running, POLL_NANOS);
                long now = TaskClock.nanos(pid);
                if (now >= 0 && !(stop instanceof StopEvent.Exited)) last = now;
                if (stop instanceof StopEvent.Exited) return last - base;
                if (stop instanceof StopEvent.Stopped s) running = replay.resume(Resume.proceed(s.tid()));
            }
        }
    }

    private static final long POLL_NANOS = 1_000_000;

    /** The stop if it comes within {@code nanos}, else null (the replay still runs). */
    private static StopEvent awaitFor(java.util.concurrent.CompletableFuture<StopEvent> f, long nanos) throws InterruptedException {
        try {
            return f.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw failure(e);
        }
    }

    static StopEvent await(java.util.concurrent.CompletableFuture<StopEvent> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw failure(e);
        }
    }

    private static RuntimeException failure(ExecutionException e) {
        return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
}
