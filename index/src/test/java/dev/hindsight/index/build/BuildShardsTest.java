package dev.hindsight.index.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.index.IndexReader;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.replay.RecordedTrace;
import dev.hindsight.tracer.replay.ReplayBackend;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The index of a recorded run, built in 1, 2 and 3 shards, agrees at every instruction with the
 * replay single-stepped on its own (the registers before each instruction, hence every pc), and
 * the answers do not depend on the number of shards.
 */
class BuildShardsTest {
    @TempDir Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"recurse.c"})
    void everyShardCountIndexesTheSameRunAsASteppedReplay(String fixture) throws Exception {
        Path program = Fixtures.compile(fixture);
        Path trace = tmp.resolve("trace");
        Recorder.record(Recorder.Options.of(program, List.of()).withTraceDir(trace)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
        List<long[]> stepped = steppedReplay(trace);

        for (int shards : new int[] {1, 2, 3}) {
            Path copy = tmp.resolve("shards-" + shards);
            copyTree(trace, copy);
            Builder.Result built = Builder.build(copy, shards, null, false);
            try (IndexReader r = IndexReader.open(copy)) {
                assertEquals(stepped.size(), r.instructionCount(), shards + " shards: the instruction count");
                assertEquals(built.instructions(), r.instructionCount());
                for (int t = 0; t < stepped.size(); t++) {
                    long[] want = stepped.get(t), got = r.registersAt(t);
                    want[15] = got[15]; // orig_rax: how the kernel was entered last, not program state
                    assertArrayEquals(want, got, shards + " shards: registers before instruction " + t);
                }
                assertTrue(r.shardCount() <= shards);
            }
        }
    }

    /** The registers before every instruction of a replay single-stepped from start to exit. */
    private static List<long[]> steppedReplay(Path trace) throws Exception {
        List<long[]> regs = new ArrayList<>();
        try (ReplayBackend replay = ReplayBackend.start(RecordedTrace.open(trace), null)) {
            int tid = replay.pid();
            regs.add(replay.registers(tid).raw().clone());
            StopEvent stop;
            do {
                stop = replay.trace(tid, Long.MAX_VALUE, (step, r) -> regs.add(r.raw().clone())).get(5, TimeUnit.MINUTES);
            } while (!(stop instanceof StopEvent.Exited));
        }
        // The final instruction (exit_group) never completes a step: no registers after it.
        return regs;
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
