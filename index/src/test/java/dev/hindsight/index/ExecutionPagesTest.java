package dev.hindsight.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.index.format.PostingWriter;
import dev.hindsight.index.testing.Expected;
import dev.hindsight.index.testing.Recording;
import dev.hindsight.index.testing.ShardedBuild;
import dev.hindsight.index.testing.Synthetic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counting and paging the executions of a set of addresses (a line's statement addresses) with
 * the posting lists' skip blocks answers what a brute-force scan of the recording's pcs answers:
 * the total, every page that starts or ends on a skip-block boundary (128 entries) or next to
 * one, pages that cross shards, the last page and beyond it, and the number before a time. The
 * synthetic stream's loop pcs run ~29,000 times each, so their lists span several frames too.
 * (The same queries on a real recorded run are checked against a forward replay in
 * {@code travel.ExecutionsReplayTest}.)
 */
class ExecutionPagesTest {
    @TempDir Path tmp;

    @Test
    void pagesOfASyntheticRunAgreeWithBruteForce() throws Exception {
        long steps = 1_000_000;
        Path recording = tmp.resolve("synthetic.rec");
        try (Recording.Writer w = new Recording.Writer(recording)) {
            Synthetic.generate(steps, w);
        }
        long[] pcs = Expected.of(recording).registers.stream().mapToLong(r -> r[16]).toArray();
        long hot = Synthetic.TEXT + 4 * 3;
        List<long[]> sets = List.of(
                new long[] {hot},                                                  // one pc of the loop
                new long[] {Synthetic.TEXT + 4, Synthetic.TEXT + 4 * 5},           // two, interleaved
                new long[] {Synthetic.TEXT, Synthetic.TEXT + 0x200, hot},          // three, one of them in the called function
                new long[] {Synthetic.TEXT + 0x203, 0x1000},                       // one that ran and one that never did
                new long[] {0x1000});                                              // none ran
        for (int shards : new int[] {1, 3}) {
            Path trace = Files.createDirectory(tmp.resolve("synthetic-" + shards));
            ShardedBuild.build(recording, trace, steps, shards);
            try (IndexReader r = IndexReader.open(trace)) {
                for (long[] set : sets) compare(r, pcs, set, shards + " shards, pcs " + hex(set));
            }
        }
    }

    /** What the index must answer for {@code set}, from every pc of the run. */
    static void compare(IndexReader r, long[] pcs, long[] set, String what) {
        TreeSet<Long> wanted = new TreeSet<>();
        for (long a : set) wanted.add(a);
        long[] truth = LongStream.range(0, pcs.length).filter(t -> wanted.contains(pcs[(int) t])).toArray();
        assertEquals(truth.length, r.executionCount(set), "count, " + what);
        int skip = PostingWriter.SKIP;
        List<Long> starts = new ArrayList<>(List.of(0L, 1L, skip - 1L, (long) skip, skip + 1L, 2L * skip - 1, 2L * skip, 5L * skip + 3));
        long n = truth.length;
        for (long s : new long[] {n - 1, n - 10, n - 128, n - 129, n, n + 1, n + 100}) if (s >= 0) starts.add(s);
        for (int k = 0; k < r.shardCount(); k++) {
            long shardStart = r.shardStart(k);
            long before = LongStream.of(truth).filter(t -> t < shardStart).count();
            for (long d = -3; d <= 1; d++) if (before + d >= 0) starts.add(before + d); // pages across a shard boundary
        }
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20 && n > 0; i++) starts.add(random.nextLong(n));
        for (long start : starts) {
            for (int limit : new int[] {1, 10, skip, 300}) {
                long[] want = Arrays.copyOfRange(truth, (int) Math.min(start, n), (int) Math.min(start + limit, n));
                assertArrayEquals(want, r.executionPage(set, start, limit), "page from " + start + " of " + limit + ", " + what);
            }
        }
        for (int i = 0; i < 30; i++) {
            long t = i == 0 ? 0 : i == 1 ? pcs.length : random.nextLong(pcs.length);
            long want = LongStream.of(truth).filter(u -> u < t).count();
            assertEquals(want, r.executionsBefore(set, t), "executions before " + t + ", " + what);
            if (set.length == 1) { // executionsOf: from a time, a limited run of them
                long[] from = LongStream.of(truth).filter(u -> u >= t).limit(200).toArray();
                assertArrayEquals(from, r.executionsOf(set[0], set[0] + 1, t, 200), "executions of from " + t + ", " + what);
            }
        }
        if (set[0] == Synthetic.TEXT + 12) assertTrue(n > 20_000, "the hot pc's list spans several frames: " + n);
    }

    private static String hex(long[] set) {
        return Arrays.toString(LongStream.of(set).mapToObj(Long::toHexString).toArray());
    }
}
