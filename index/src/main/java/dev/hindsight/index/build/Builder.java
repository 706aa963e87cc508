package dev.hindsight.index.build;

import dev.hindsight.index.IndexStore;
import dev.hindsight.tracer.confine.Sandbox;
import dev.hindsight.tracer.replay.RecordedTrace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds a trace's index: plans the cuts, steps every shard on a thread of its own (each
 * checkpoint has its own ptrace thread too), and commits only when every shard is whole. A build
 * that fails or is killed leaves no index (a rerun starts clean: {@link IndexStore#prepare}).
 */
public final class Builder {
    private static final System.Logger LOG = System.getLogger(Builder.class.getName());

    /** What a finished build reports. */
    public record Result(long instructions, int shards, double seconds, long indexBytes) {}

    private Builder() {}

    /**
     * @param sandbox where the replays run confined; null: unconfined (a replay only ever runs the
     *                program's memory-mapping calls for real: every other call is the recording's)
     * @param progress draw a progress bar on stderr
     */
    public static Result build(Path traceDir, int shards, Sandbox sandbox, boolean progress) throws Exception {
        long began = System.nanoTime();
        RecordedTrace trace = RecordedTrace.open(traceDir);
        IndexStore.prepare(traceDir);
        try (CutPlanner.Plan plan = CutPlanner.plan(trace, sandbox, shards)) {
            List<Cut> cuts = plan.cuts();
            ProgressBar bar = new ProgressBar(System.err, progress, cuts.size());
            ExecutorService pool = Executors.newFixedThreadPool(cuts.size(), r -> {
                Thread t = new Thread(r, "shard");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<Long>> running = new ArrayList<>();
                for (int k = 0; k < cuts.size(); k++) {
                    ShardRun shard = new ShardRun(k, cuts.get(k), k + 1 < cuts.size() ? cuts.get(k + 1).position() : null,
                            traceDir, bar);
                    running.add(pool.submit(shard::run));
                }
                long total = 0;
                for (int k = 0; k < running.size(); k++) {
                    long n = running.get(k).get();
                    LOG.log(System.Logger.Level.INFO, "shard {0}: {1} instructions from {2}", k, n, cuts.get(k).position());
                    total += n;
                }
                bar.finish();
                IndexStore.commit(traceDir, cuts.size());
                long bytes = sizeOf(IndexStore.indexDir(traceDir));
                double seconds = (System.nanoTime() - began) / 1e9;
                LOG.log(System.Logger.Level.INFO, "indexed {0} instructions in {1} shards, {2} bytes", total, cuts.size(), bytes);
                return new Result(total, cuts.size(), seconds, bytes);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static long sizeOf(Path dir) throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(dir)) {
            return files.filter(java.nio.file.Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
