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
     * are forked from a copy of it that runs ahead; that copy may end with the program.) {@code end}
     * is where that copy ended, on the cuts' scale: past 1 when the copy ran slower than the run
     * that measured the program (each cut costs it caches and pages), so the last shard's length
     * is known too, not guessed as what is left of 1.
     */
    record Plan(List<Cut> cuts, double end, ReplayBackend origin) implements AutoCloseable {
        @Override
        public void close() {
            for (Cut c : cuts) c.checkpoint().close();
            origin.close();
        }
    }

    static Plan plan(RecordedTrace trace, Sandbox sandbox, int shards) throws InterruptedException {
        long cpuNanos = shards == 1 ? 0 : fullSpeedCpuNanos(trace, sandbox);
        LOG.log(System.Logger.Level.INFO, "the run takes {0} ms of CPU at full speed; cutting it into {1} shards", ms(cpuNanos), shards);
        List<Cut> cuts = new ArrayList<>();
        ReplayBackend origin = ReplayBackend.start(trace, sandbox);
        try {
            cuts.add(cutHere(origin, origin.pid(), 0));
            double end = 1;
            if (shards > 1) {
                try (ReplayBackend runner = origin.checkpoint()) {
                    end = cutWhileRunning(runner, cpuNanos, shards, cuts);
                }
            }
            LOG.log(System.Logger.Level.INFO, "the cutting run ended at {0} of the measured CPU time", String.format(java.util.Locale.ROOT, "%.3f", end));
            return new Plan(cuts, end, origin);
        } catch (RuntimeException | InterruptedException e) {
            new Plan(cuts, 1, origin).close();
            throw e;
        }
    }

    /**
     * Runs {@code replay} at full speed, forking a checkpoint each time its CPU time passes k/N of
     * {@code cpuNanos}. The clock is polled: a cut lands within about {@link #POLL_NANOS} of its
     * mark, and never where the last one is (one system call can cost more than a shard's share of
     * the CPU time: two cuts at one position would make a shard that never ends).
     */
    private static double cutWhileRunning(ReplayBackend replay, long cpuNanos, int shards, List<Cut> cuts) throws InterruptedException {
        int pid = replay.pid();
        try (TaskClock clock = new TaskClock(pid)) {
            java.util.concurrent.CompletableFuture<StopEvent> running = cutWhileRunning(replay, clock, cpuNanos, shards, cuts);
            long end = running == null ? clock.nanos() : cpuToEnd(replay, clock, running);
            return Math.max(1, (double) end / Math.max(1, cpuNanos));
        }
    }

    /** Places the cuts; the replay, resumed after the last one (null when it ended first). */
    private static java.util.concurrent.CompletableFuture<StopEvent> cutWhileRunning(ReplayBackend replay, TaskClock clock, long cpuNanos, int shards, List<Cut> cuts) throws InterruptedException {
        java.util.concurrent.CompletableFuture<StopEvent> running = replay.resume(Resume.proceed(replay.pid()));
        for (int k = 1; k < shards; k++) {
            long mark = cpuNanos * k / shards;
            Position last = cuts.get(cuts.size() - 1).position();
            StopEvent stop = null;
            while (stop == null) {
                stop = awaitFor(running, POLL_NANOS);
                if (stop instanceof StopEvent.Stopped s && s.reason() != StopEvent.Reason.PAUSE) {
                    // A signal the program gets (a fault it handles): it goes on, as recorded.
                    running = replay.resume(Resume.proceed(s.tid()));
                    stop = null;
                } else if (stop == null && clock.nanos() >= mark) {
                    stop = pause(replay, running);
                    while (stop instanceof StopEvent.Stopped s && s.reason() != StopEvent.Reason.PAUSE) {
                        running = replay.resume(Resume.proceed(s.tid()));
                        stop = pause(replay, running);
                    }
                    if (stop instanceof StopEvent.Stopped s && last.matches(replay.eventIndex(), replay.registers(s.tid()).raw())) {
                        // Paused where the last cut is: the pause came before the resumed replay had
                        // a CPU. One step first, so the next pause lands elsewhere: resuming and
                        // pausing again could repeat this forever on a loaded machine.
                        stop = await(replay.resume(Resume.step(s.tid())));
                        if (stop instanceof StopEvent.Stopped stepped) {
                            running = replay.resume(Resume.proceed(stepped.tid()));
                            stop = null;
                        }
                    }
                }
            }
            if (stop instanceof StopEvent.Exited) {
                LOG.log(System.Logger.Level.INFO, "the run ended before the cut at {0} ms of CPU: {1} shards", ms(mark), cuts.size());
                return null;
            }
            StopEvent.Stopped paused = (StopEvent.Stopped) stop;
            long at = clock.nanos();
            cuts.add(clock.excluding(() -> cutHere(replay, paused.tid(), (double) at / Math.max(1, cpuNanos))));
            running = replay.resume(Resume.proceed(paused.tid()));
        }
        return running;
    }

    private static Cut cutHere(ReplayBackend replay, int tid, double share) {
        Position at = new Position(replay.eventIndex(), replay.registers(tid).raw().clone());
        LOG.log(System.Logger.Level.DEBUG, "checkpoint at {0}, {1} of the CPU time", at, share);
        return new Cut(replay.checkpoint(), at, share);
    }

    /** The CPU time the replayed program takes at full speed, from its first instruction to its end. */
    private static long fullSpeedCpuNanos(RecordedTrace trace, Sandbox sandbox) throws InterruptedException {
        try (ReplayBackend replay = ReplayBackend.start(trace, sandbox); TaskClock clock = new TaskClock(replay.pid())) {
            return cpuToEnd(replay, clock, replay.resume(Resume.proceed(replay.pid())));
        }
    }

    /** Lets the running replay go on to its end; its clock's last reading before it ended. */
    private static long cpuToEnd(ReplayBackend replay, TaskClock clock, java.util.concurrent.CompletableFuture<StopEvent> running) throws InterruptedException {
        long last = 0;
        while (true) {
            StopEvent stop = awaitFor(running, POLL_NANOS);
            long now = clock.nanos();
            if (now >= 0 && !(stop instanceof StopEvent.Exited)) last = now;
            if (stop instanceof StopEvent.Exited) return last;
            if (stop instanceof StopEvent.Stopped s) running = replay.resume(Resume.proceed(s.tid()));
        }
    }

    /** How often the clock is read while a replay runs at full speed (a shard of a 50-million-instruction run is a few ms). */
    private static final long POLL_NANOS = 100_000;

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6);
    }

    /** How long a replay may take to pause before the build fails instead of waiting on. */
    private static final long PAUSE_LIMIT_NANOS = 60_000_000_000L;

    /**
     * Pauses the running replay; its stop. The request is repeated until the replay stops: one that
     * came between two of the engine's resumptions would otherwise be forgotten and the planner
     * would wait for the program's end, or for ever, and a build must fail with a sentence, never
     * hang.
     */
    private static StopEvent pause(ReplayBackend replay, java.util.concurrent.CompletableFuture<StopEvent> running) throws InterruptedException {
        long deadline = System.nanoTime() + PAUSE_LIMIT_NANOS;
        while (System.nanoTime() < deadline) {
            replay.requestPause();
            StopEvent stop = awaitFor(running, 50_000_000);
            if (stop != null) return stop;
        }
        throw new IllegalStateException("the replay that places the shards' cuts did not pause within "
                + PAUSE_LIMIT_NANOS / 1_000_000_000 + " s");
    }

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
