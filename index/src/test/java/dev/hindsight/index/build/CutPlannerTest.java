package dev.hindsight.index.build;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.replay.RecordedTrace;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planning ends, with every cut at a new place, even when the marks are closer together than the
 * planner's poll of the clock: each cut then finds the clock past the next mark at once, and a
 * pause requested before the resumed replay has run an instruction lands where the last cut is.
 * Pausing again at once could repeat that forever on a loaded machine (a CI run hung in
 * BuildShardsTest until its time ran out).
 */
class CutPlannerTest {
    @TempDir Path tmp;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void moreShardsThanPollsStillEndsWithDistinctCuts() throws Exception {
        Path trace = tmp.resolve("trace");
        Recorder.record(Recorder.Options.of(Fixtures.compile("recurse.c"), List.of()).withTraceDir(trace)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
        for (int round = 0; round < 5; round++) {
            try (CutPlanner.Plan plan = CutPlanner.plan(RecordedTrace.open(trace), null, 400)) {
                List<Cut> cuts = plan.cuts();
                assertTrue(cuts.size() > 1, "round " + round + ": only " + cuts.size() + " cut");
                for (int k = 1; k < cuts.size(); k++) {
                    Position before = cuts.get(k - 1).position(), at = cuts.get(k).position();
                    assertTrue(!before.matches(at.eventIndex(), at.registers()),
                            "round " + round + ": cuts " + (k - 1) + " and " + k + " are at one place: " + at);
                }
                assertTrue(plan.end() >= cuts.get(cuts.size() - 1).share(), "the cutting run ended before its last cut");
            }
        }
    }
}
