package dev.hindsight.index.build;

import dev.hindsight.index.IndexStore;
import dev.hindsight.tracer.confine.Sandbox;
import dev.hindsight.tracer.replay.RecordedTrace;
import dev.hindsight.tracer.sys.NativeException;
import dev.hindsight.tracer.sys.Sched;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds a trace's index: plans the cuts, then {@code jobs} workers step the shards, each taking
 * the next one (the longest first) as it finishes its last, so a shard that turns out short does
 * not leave a core idle; each checkpoint has its own ptrace thread, which its worker pins to the
 * worker's CPU. Commits only when every shard is whole. A build that fails or is killed leaves no
 * index (a rerun starts clean: {@link IndexStore#prepare}).
 */
public final class Builder {
    private static final System.Logger LOG = System.getLogger(Builder.class.getName());

    /** Shards per job when none are asked for: enough that uneven cuts even out between the jobs. */
    public static final int SHARDS_PER_JOB = 8;

    /** What a finished build reports. */
    public record Result(long instructions, int shards, int jobs, double seconds, long indexBytes) {}

    private Builder() {}

    /** {@link #build(Path, int, int, Sandbox, boolean)} with as many jobs as cores (at most one per shard). */
    public static Result build(Path traceDir, int shards, Sandbox sandbox, boolean progress) throws Exception {
        return build(traceDir, shards, Math.min(shards, Runtime.getRuntime().availableProcessors()), sandbox, progress);
    }

    /**
     * @param shards how many pieces the run is cut into (fewer when the run is too short)
     * @param jobs how many shards are stepped at once
     * @param sandbox where the replays run confined; null: unconfined (a replay only ever runs the
     *                program's memory-mapping calls for real: every other call is the recording's)
     * @param progress draw a progress bar on stderr
     */
    public static Result build(Path traceDir, int shards, int jobs, Sandbox sandbox, boolean progress) throws Exception {
        long began = System.nanoTime();
        RecordedTrace trace = RecordedTrace.open(traceDir);
        IndexStore.prepare(traceDir);
        try (CutPlanner.Plan plan = CutPlanner.plan(trace, sandbox, shards)) {
            List<Cut> cuts = plan.cuts();
            long planned = System.nanoTime();
            LOG.log(System.Logger.Level.INFO, "planned {0} shards in {1} s", cuts.size(), seconds(planned - began));
            ProgressBar bar = new ProgressBar(System.err, progress, cuts.size());
            int workers = Math.max(1, Math.min(jobs, cuts.size()));
            long[] counts = new long[cuts.size()];
            ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>(longestFirst(cuts, plan.end()));
            int[] cpus = allowedCpus();
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "shard");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    int cpu = cpus.length == 0 ? -1 : cpus[w % cpus.length];
                    running.add(pool.submit(() -> {
                        for (Integer k; (k = queue.poll()) != null; ) {
                            long t0 = System.nanoTime();
                            ShardRun shard = new ShardRun(k, cuts.get(k), k + 1 < cuts.size() ? cuts.get(k + 1).position() : null,
                                    traceDir, bar, cpu);
                            counts[k] = shard.run();
                            cuts.get(k).checkpoint().close(); // its process is done: one fewer waiting
                            LOG.log(System.Logger.Level.INFO, "shard {0}: {1} instructions from {2} (planned at {5}) in {3} s on CPU {4}",
                                    k, counts[k], cuts.get(k).position(), seconds(System.nanoTime() - t0), cpu,
                                    String.format(Locale.ROOT, "%.3f", cuts.get(k).share()));
                            SteppingCost c = shard.cost();
                            if (c.instructions() > 0) {
                                LOG.log(System.Logger.Level.INFO, "shard {0}: CPU per instruction {1} ns ptrace thread + {2} ns tracee over {3} instructions",
                                        k, String.format(Locale.ROOT, "%.0f", c.tracerNanos()), String.format(Locale.ROOT, "%.0f", c.traceeNanos()),
                                        c.instructions());
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) f.get();
                long stepped = System.nanoTime();
                long total = 0;
                for (long n : counts) total += n;
                bar.finish();
                IndexStore.commit(traceDir, cuts.size());
                long bytes = sizeOf(IndexStore.indexDir(traceDir));
                long end = System.nanoTime();
                LOG.log(System.Logger.Level.INFO, "indexed {0} instructions in {1} shards by {2} jobs, {3} bytes; stepping {4} s, commit {5} s",
                        total, cuts.size(), workers, bytes, seconds(stepped - planned), seconds(end - stepped));
                return new Result(total, cuts.size(), workers, (end - began) / 1e9, bytes);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Shard numbers, the one expected to take longest first (by the share of the work between its
     * cut and the next, or {@code end}, where the run that placed the cuts ended), so the last
     * shards handed out are short ones and the jobs end together.
     */
    static List<Integer> longestFirst(List<Cut> cuts, double end) {
        List<Integer> order = new ArrayList<>();
        double[] length = new double[cuts.size()];
        for (int k = 0; k < cuts.size(); k++) {
            double next = k + 1 < cuts.size() ? cuts.get(k + 1).share() : end;
            length[k] = next - cuts.get(k).share();
            order.add(k);
        }
        order.sort(Comparator.comparingDouble((Integer k) -> -length[k]).thenComparingInt(k -> k));
        return order;
    }

    private static int[] allowedCpus() {
        try {
            return Sched.allowedCpus();
        } catch (NativeException e) {
            return new int[0]; // only speed is lost: the shards run where the kernel puts them
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    private static long sizeOf(Path dir) throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(dir)) {
            return files.filter(java.nio.file.Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
