package dev.hindsight.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.index.testing.ShardedBuild;
import dev.hindsight.index.testing.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same run cut into 1, 2, 3 or 7 shards answers every query the same. */
class ShardInvarianceTest {
    @TempDir
    Path work;

    /** Every query's answers at fixed sample points, as one comparable list of strings. */
    private static List<String> answers(IndexReader r, Workload.Run run) {
        List<String> out = new ArrayList<>();
        Random random = new Random(7);
        long n = r.instructionCount();
        for (int i = 0; i < 300; i++) {
            long t = Math.floorMod(random.nextLong(), n);
            long[] regs = r.registersAt(t);
            long sp = regs[19];
            out.add(t + " regs " + java.util.Arrays.toString(regs) + " tid " + r.threadAt(t) + " fx " + java.util.Arrays.hashCode(r.fxsaveAt(t)));
            out.add(t + " stack " + java.util.HexFormat.of().formatHex(r.memoryAt(t, sp - 32, 128)));
            for (Write w : r.lastWrites(t, sp, 16)) out.add(t + " origin " + w.time() + "@" + Long.toHexString(w.address()));
        }
        long frame = r.registersAt(n / 2)[19] - 64;
        for (Write w : r.writesTo(frame, 128, 0, n)) out.add("write " + w.time() + " " + Long.toHexString(w.address()) + " " + w.bytes().length + " " + w.kernel());
        // Every execution of the most called function's entry (fib: 2 x 465 calls), which the
        // call log (a separate file) must agree with.
        java.util.Map<Long, Long> byTarget = new java.util.HashMap<>();
        for (CallRecord c : r.calls(0, n)) if (c.kind() == StepKind.CALL) byTarget.merge(c.target(), 1L, Long::sum);
        long fib = byTarget.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
        long[] executions = r.executionsOf(fib, fib + 1, 0, Integer.MAX_VALUE);
        assertEquals(2 * 465, byTarget.get(fib), "calls of fib(12) in two rounds");
        assertEquals(byTarget.get(fib), executions.length, "executions of fib's entry");
        for (long t : executions) out.add("exec " + t);
        for (CallRecord c : r.calls(0, n)) out.add("call " + c);
        for (Syscall s : r.syscalls()) out.add("syscall " + s.time() + " " + s.number() + " " + s.result());
        for (Output o : r.output()) out.add("output " + o.time() + " " + new String(o.bytes()));
        return out;
    }

    @Test
    void queriesAnswerTheSameWhateverTheShards() throws Exception {
        Workload.Run run = Workload.recorded();
        List<String> one = null;
        for (int shards : new int[] {1, 2, 3, 7}) {
            Path trace = Files.createDirectory(work.resolve("s" + shards));
            ShardedBuild.build(run.recording(), trace, run.steps(), shards);
            try (IndexReader r = IndexReader.open(trace)) {
                assertEquals(shards, r.shardCount());
                List<String> these = answers(r, run);
                if (one == null) {
                    one = these;
                    assertTrue(these.stream().filter(s -> s.startsWith("exec ")).count() > 100, "fib runs hundreds of times");
                    assertTrue(these.stream().anyMatch(s -> s.startsWith("write ")), "the probed range was written");
                } else {
                    for (int i = 0; i < Math.min(one.size(), these.size()); i++) assertEquals(one.get(i), these.get(i), shards + " shards, answer " + i);
                    assertEquals(one.size(), these.size(), shards + " shards: number of answers");
                }
            }
        }
    }
}
