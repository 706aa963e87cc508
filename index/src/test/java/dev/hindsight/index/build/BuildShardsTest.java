package dev.hindsight.index.build;

import dev.hindsight.index.testing.Directories;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The index of a recorded run, built in 1, 2, 3 and 12 shards (2 jobs at most), agrees at every instruction with the
 * replay single-stepped on its own (the registers before each instruction, hence every pc; and
 * the stack around rsp and the fxsave image at every 997th), so the answers do not depend on the number of shards. The
 * replay itself agrees with the recorded run register for register (RecordReplayLockstepTest), so
 * this is the live run's registers too. Fixtures: C, assembly, every kind of input, a crash.
 */
class BuildShardsTest {
    @TempDir Path tmp;

    /** What the stepped replay saw: registers before every instruction, and bytes around rsp now and then. */
    record Seen(List<long[]> registers, Map<Integer, byte[]> stack, Map<Integer, byte[]> fxsave) {}

    private static final int STACK_SAMPLE = 997, AROUND = 64;

    @ParameterizedTest
    @ValueSource(strings = {"recurse.c", "record_asm.s", "record_inputs.c", "record_crash.c", "record_async_signal.c"})
    void everyShardCountIndexesTheSameRunAsASteppedReplay(String fixture) throws Exception {
        Path program = Fixtures.compile(fixture);
        Path trace = tmp.resolve("trace");
        List<String> args = fixture.equals("record_inputs.c") ? List.of(tmp.resolve("written").toString()) : List.of();
        Recorder.record(Recorder.Options.of(program, args).withTraceDir(trace)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
        Seen seen = steppedReplay(trace);
        List<long[]> stepped = seen.registers();

        for (int shards : new int[] {1, 2, 3, 12}) {
            Path copy = tmp.resolve("shards-" + shards);
            Directories.copyTree(trace, copy);
            Builder.Result built = Builder.build(copy, shards, null, false);
            try (IndexReader r = IndexReader.open(copy)) {
                assertEquals(stepped.size(), r.instructionCount(), shards + " shards: the instruction count");
                assertEquals(built.instructions(), r.instructionCount());
                for (int t = 0; t < stepped.size(); t++) {
                    long[] want = stepped.get(t), got = r.registersAt(t);
                    want[15] = got[15]; // orig_rax: how the kernel was entered last, not program state
                    ShardRun.programState(want); // nor are the resume and trap flags
                    assertArrayEquals(want, got, shards + " shards: registers before instruction " + t);
                }
                for (var e : seen.stack().entrySet()) {
                    long rsp = stepped.get(e.getKey())[19];
                    assertArrayEquals(e.getValue(), r.memoryAt(e.getKey(), rsp - AROUND, 2 * AROUND),
                            shards + " shards: the stack around rsp before instruction " + e.getKey());
                }
                for (var e : seen.fxsave().entrySet()) {
                    assertArrayEquals(e.getValue(), r.fxsaveAt(e.getKey()), shards + " shards: the fxsave image before instruction " + e.getKey());
                }
                assertTrue(r.shardCount() <= shards);
            }
        }
    }

    /** The registers before every instruction of a replay single-stepped from start to exit, and stack samples. */
    private static Seen steppedReplay(Path trace) throws Exception {
        List<long[]> regs = new ArrayList<>();
        Map<Integer, byte[]> stack = new HashMap<>(), fxsave = new HashMap<>();
        try (ReplayBackend replay = ReplayBackend.start(RecordedTrace.open(trace), null)) {
            int tid = replay.pid();
            regs.add(replay.registers(tid).raw().clone());
            StopEvent stop;
            do {
                stop = replay.trace(tid, Long.MAX_VALUE, (step, r) -> {
                    regs.add(r.raw().clone());
                    if (regs.size() % STACK_SAMPLE == 0) {
                        byte[] b = new byte[2 * AROUND];
                        replay.readMemory(r.raw()[19] - AROUND, b, 0, b.length);
                        stack.put(regs.size() - 1, b);
                        fxsave.put(regs.size() - 1, replay.fpRegisters(tid).fxsaveImage());
                    }
                    return true;
                }).get(5, TimeUnit.MINUTES);
            } while (!(stop instanceof StopEvent.Exited));
        }
        // The final instruction (exit_group, or the fatal fault) never completes a step: no registers after it.
        return new Seen(regs, stack, fxsave);
    }
}
