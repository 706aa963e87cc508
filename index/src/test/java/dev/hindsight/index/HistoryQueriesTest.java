package dev.hindsight.index;

import dev.hindsight.index.testing.Directories;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.index.build.Builder;
import dev.hindsight.index.testing.Expected;
import dev.hindsight.index.testing.Recording;
import dev.hindsight.index.testing.ShardedBuild;
import dev.hindsight.index.testing.Synthetic;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four history queries (last/first execution of a pc range, last/first write to a range)
 * answer what a brute-force scan of every instruction and every write answers, at random and
 * boundary times, in 1 and 3 shards (so the walks cross shard boundaries; the builder may cut a short
 * real run into fewer shards on a loaded machine, the synthetic stream is always cut in 3): on a synthetic
 * loop-shaped stream (hot pcs whose posting lists are long: the block walk) and on a real
 * recorded and built run (loader, libc, system calls writing memory).
 */
class HistoryQueriesTest {
    @TempDir Path tmp;

    /** Pcs of every instruction and every write, in time order (a kernel write after its instruction's own). */
    record Truth(long[] pcs, List<Write> writes) {}

    @Test
    void syntheticStreamAgreesWithBruteForce() throws Exception {
        long steps = 300_000; // loop pcs run ~8,800 times each: longer than the short-list path
        Path recording = tmp.resolve("synthetic.rec");
        try (Recording.Writer w = new Recording.Writer(recording)) {
            Synthetic.generate(steps, w);
        }
        Expected e = Expected.of(recording);
        long[] pcs = e.registers.stream().mapToLong(r -> r[16]).toArray();
        Truth truth = new Truth(pcs, e.writes);
        for (int shards : new int[] {1, 3}) {
            Path trace = Files.createDirectory(tmp.resolve("synthetic-" + shards));
            ShardedBuild.build(recording, trace, steps, shards);
            try (IndexReader r = IndexReader.open(trace)) {
                assertEquals(shards, r.shardCount());
                List<long[]> ranges = new ArrayList<>(List.of(new long[] {Synthetic.TEXT, Synthetic.TEXT + 1},
                        new long[] {Synthetic.TEXT + 0x200, Synthetic.TEXT + 0x210}, new long[] {0x1000, 0x2000}));
                List<long[]> memory = new ArrayList<>(List.of(new long[] {Synthetic.DATA + 64, 8}, new long[] {Synthetic.DATA + 0x8000, 16},
                        new long[] {Synthetic.DATA - 64, 8}, new long[] {Synthetic.STACK_TOP - 0x1000 - 16, 4}));
                compare(r, truth, ranges, memory, shards);
            }
        }
    }

    @Test
    void recordedRunAgreesWithBruteForce() throws Exception {
        Path program = Fixtures.compile("recurse.c");
        Path trace = tmp.resolve("trace");
        Recorder.record(Recorder.Options.of(program, List.of()).withTraceDir(trace)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
        for (int shards : new int[] {1, 3}) {
            Path copy = tmp.resolve("shards-" + shards);
            Directories.copyTree(trace, copy);
            Builder.build(copy, shards, null, false);
            try (IndexReader r = IndexReader.open(copy)) {
                // The builder cuts by CPU time, so a run this short may get fewer shards on a loaded
                // machine; the synthetic test's exact cuts are the ones that always cross shards.
                assertTrue(r.shardCount() <= shards);
                long n = r.instructionCount();
                long[] pcs = new long[(int) n];
                for (int t = 0; t < n; t++) pcs[t] = r.pcAt(t);
                SplittableRandom random = new SplittableRandom(5);
                List<long[]> ranges = new ArrayList<>();
                List<long[]> memory = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    long pc = pcs[(int) random.nextLong(n)];
                    ranges.add(i % 2 == 0 ? new long[] {pc, pc + 1} : new long[] {pc - 32, pc + 32});
                    long sp = r.registersAt(random.nextLong(n))[19];
                    memory.add(new long[] {sp - 8 * random.nextInt(8), 1 + random.nextInt(16)});
                }
                // Bytes the kernel wrote (a read's buffer, a stat): kernel writes are writes too.
                for (Syscall s : r.syscalls()) {
                    if (memory.size() < 20 && s.number() == 0 && s.result() > 0) memory.add(new long[] {s.args()[1], (int) Math.min(s.result(), 64)});
                }
                List<Write> writes = new ArrayList<>();
                for (long[] m : memory) writes.addAll(r.writesTo(m[0], (int) m[1], 0, n));
                writes.sort(java.util.Comparator.comparingLong(Write::time)); // stable: an instruction's writes keep their order
                assertTrue(writes.stream().anyMatch(Write::kernel), "some probed range was written by the kernel");
                compare(r, new Truth(pcs, dedupe(writes)), ranges, memory, shards);
                matchingAgreesWithBruteForce(r, pcs, shards);
                // Code comes from the initial image (the program, the loader) or from a file mapped
                // during the run (libc, mapped by the loader): the same answer in any shard.
                IndexReader.Mapping first = r.mappingAt(n - 1, pcs[0]);
                assertEquals(-1, first.time(), shards + " shards: the first pc is in the initial image");
                long late = n - 1;
                while (!r.mappingAt(late, pcs[(int) late]).region().name().contains("libc")) late--;
                IndexReader.Mapping libc = r.mappingAt(late, pcs[(int) late]);
                assertTrue(libc.time() > 0 && libc.time() < late, shards + " shards: libc was mapped during the run: " + libc.time());
                assertTrue(pcs[(int) late] >= libc.region().start() && pcs[(int) late] < libc.region().end());
                if (shards == 1) libcMappedAt = libc.time();
                else assertEquals(libcMappedAt, libc.time(), "the same mapping time in " + shards + " shards");
            }
        }
    }

    private long libcMappedAt;

    /** lastExecutionMatching with a pc set (and any thread) is the latest time in the window with such a pc. */
    private static void matchingAgreesWithBruteForce(IndexReader r, long[] pcs, int shards) {
        SplittableRandom random = new SplittableRandom(9);
        long n = pcs.length;
        for (int i = 0; i < 40; i++) {
            java.util.Set<Long> wanted = new java.util.HashSet<>();
            for (int k = 0; k < 1 + i % 4; k++) wanted.add(pcs[(int) random.nextLong(n)]);
            long t = random.nextLong(n + 1), earliest = i % 3 == 0 ? 0 : Math.max(0, t - random.nextLong(50_000));
            long want = -1;
            for (long u = t - 1; u >= earliest && want < 0; u--) if (wanted.contains(pcs[(int) u])) want = u;
            assertEquals(want, r.lastExecutionMatching(wanted::contains, -1, t, earliest), shards + " shards: " + wanted + " in [" + earliest + ", " + t + ")");
        }
    }

    /** The same write found through two overlapping probes once. */
    private static List<Write> dedupe(List<Write> writes) {
        List<Write> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Write w : writes) if (seen.add(w.time() + ":" + w.address() + ":" + w.bytes().length + ":" + w.kernel())) out.add(w);
        return out;
    }

    private static void compare(IndexReader r, Truth truth, List<long[]> ranges, List<long[]> memory, int shards) {
        long n = r.instructionCount();
        assertEquals(truth.pcs().length, n);
        List<Long> times = new ArrayList<>(List.of(0L, 1L, n - 1, n, n + 5));
        for (int k = 0; k < r.shardCount(); k++) for (long d = -2; d <= 2; d++) times.add(Math.max(0, r.shardStart(k) + d));
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 60; i++) times.add(random.nextLong(n));
        int found = 0;
        for (long t : times) {
            for (long[] range : ranges) {
                String what = shards + " shards, pcs [" + Long.toHexString(range[0]) + ", " + Long.toHexString(range[1]) + ") at " + t;
                long last = -1, first = -1;
                for (long u = Math.min(t, n) - 1; u >= 0 && last < 0; u--) if (in(truth.pcs()[(int) u], range)) last = u;
                for (long u = t; u < n && first < 0; u++) if (in(truth.pcs()[(int) u], range)) first = u;
                assertEquals(last, r.lastExecutionBefore(range[0], range[1], t), "last execution before, " + what);
                assertEquals(first, r.firstExecutionFrom(range[0], range[1], t), "first execution from, " + what);
                if (last >= 0) found++;
            }
            for (long[] m : memory) {
                String what = shards + " shards, [" + Long.toHexString(m[0]) + ", +" + m[1] + ") at " + t;
                Write last = null, first = null;
                for (Write w : truth.writes()) {
                    if (w.address() >= m[0] + m[1] || w.end() <= m[0]) continue;
                    if (w.time() < t) last = w;
                    else if (first == null) first = w;
                }
                same(last, r.lastWriteBefore(m[0], (int) m[1], t), "last write before, " + what);
                same(first, r.firstWriteFrom(m[0], (int) m[1], t), "first write from, " + what);
                if (last != null) found++;
            }
        }
        assertTrue(found > times.size(), "most queries have an answer: " + found);
    }

    private static boolean in(long pc, long[] range) { return pc >= range[0] && pc < range[1]; }

    private static void same(Write want, Write got, String what) {
        if (want == null) {
            assertNull(got, what);
            return;
        }
        assertNotNull(got, what);
        assertEquals(want.time(), got.time(), what + ": time");
        assertEquals(want.address(), got.address(), what + ": address");
        assertArrayEquals(want.bytes(), got.bytes(), what + ": bytes");
        assertEquals(want.kernel(), got.kernel(), what + ": kernel");
    }
}
