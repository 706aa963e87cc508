package dev.hindsight.index.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.index.IndexStore;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.replay.RecordedTrace;
import dev.hindsight.tracer.testing.Fixtures;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a shard does with its cuts: where it must stop, and the order the jobs take shards in. */
class ShardRunTest {
    @TempDir Path tmp;

    /**
     * A shard that never meets the next shard's start (here: its own start, behind it after the
     * first step) fails instead of indexing the rest of the run a second time.
     */
    @Test
    void aShardThatRunsPastTheNextOnesStartFails() throws Exception {
        Path trace = tmp.resolve("trace");
        Recorder.record(Recorder.Options.of(Fixtures.compile("recurse.c"), List.of()).withTraceDir(trace)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
        IndexStore.prepare(trace);
        try (CutPlanner.Plan plan = CutPlanner.plan(RecordedTrace.open(trace), null, 1)) {
            Cut start = plan.cuts().get(0);
            ProgressBar quiet = new ProgressBar(new PrintStream(PrintStream.nullOutputStream()), false, 1);
            ShardRun shard = new ShardRun(0, start, start.position(), trace, quiet, -1);
            IllegalStateException e = assertThrows(IllegalStateException.class, shard::run);
            assertTrue(e.getMessage().contains("without meeting the next shard's start"), e.getMessage());
        }
    }

    /** Jobs take the shards expected to be longest first, so the last ones handed out are short. */
    @Test
    void longestShardsFirstByTheirShareOfTheRun() {
        List<Cut> cuts = List.of(cut(0), cut(0.1), cut(0.5), cut(0.6)); // lengths 0.1, 0.4, 0.1, 0.4
        assertEquals(List.of(1, 3, 0, 2), Builder.longestFirst(cuts, 1));
    }

    /**
     * The last shard's length is measured, not what is left of 1: the run that places the cuts is
     * slower than the one that measured the program, and in a 53-million-instruction build its
     * last shard, taken last as "3.9%" of the run, held 12.6% of the instructions.
     */
    @Test
    void theLastShardRunsFirstWhenTheCuttingRunEndedLate() {
        List<Cut> cuts = List.of(cut(0), cut(0.3), cut(0.6), cut(0.96));
        assertEquals(List.of(3, 2, 0, 1), Builder.longestFirst(cuts, 1.4)); // lengths 0.3, 0.3, 0.36, 0.44
    }

    private static Cut cut(double share) {
        return new Cut(null, new Position(0, new long[27]), share);
    }
}
