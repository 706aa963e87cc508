package dev.hindsight.index.travel;

import static dev.hindsight.index.travel.ReverseStepsTest.await;
import static dev.hindsight.index.travel.ReverseStepsTest.state;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.index.IndexReader;
import dev.hindsight.index.format.PostingWriter;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every execution of a set of addresses (as a line's are asked for), counted and paged by the
 * index's skip blocks, is what a forward replay of the recording stops at with a breakpoint on
 * each: the same number, and the k-th page entry's registers are the k-th stop's. The addresses
 * are three instructions of a for loop written on one line (each runs 4,000 times: lists of many
 * skip blocks, interleaved), in pages that start on and next to skip-block boundaries, pages
 * across the build's shard boundary, and the last page.
 */
class ExecutionsReplayTest {
    @Test
    void pagesOfALinesExecutionsAreTheForwardReplaysBreakpointStops() throws Exception {
        Path trace = dev.hindsight.index.testing.BuiltRecordings.of(Fixtures.compile("one_line_loop.c"));
        int line = Fixtures.line("one_line_loop.c", "oneline");
        List<long[]> stops = new ArrayList<>();
        long[] pcs;
        try (Target replay = Target.replay(trace, null)) {
            await(replay.execution().runToMain());
            // Three of the line's instructions in main (its last three: the loop's increment and
            // back edge, run every iteration), from the line table and the code.
            List<Long> ofLine = new ArrayList<>();
            long main = replay.symbols().addressOf("main").orElseThrow();
            for (var range : replay.symbols().source().functionRanges(main)) {
                for (long a = range.low(); a < range.high(); a += replay.disassembly().instructionAt(a).orElseThrow().length()) {
                    var at = replay.symbols().source().lineAt(a);
                    if (at.isPresent() && at.get().line().line() == line) ofLine.add(a);
                }
            }
            pcs = ofLine.subList(ofLine.size() - 3, ofLine.size()).stream().mapToLong(Long::longValue).toArray();
            for (long a : pcs) replay.breakpoints().add(a);
            while (await(replay.execution().resume()) instanceof StopEvent.Stopped s && s.reason() == StopEvent.Reason.BREAKPOINT) stops.add(state(replay));
        }
        assertTrue(stops.size() >= 3 * 4000, "each of the three runs every iteration: " + stops.size());
        try (IndexReader index = IndexReader.open(trace)) {
            assertEquals(stops.size(), index.executionCount(pcs));
            int skip = PostingWriter.SKIP, n = stops.size();
            List<Long> starts = new ArrayList<>(List.of(0L, skip - 1L, (long) skip, 7L * skip + 1, n - 1L, n - 37L));
            for (int k = 1; k < index.shardCount(); k++) {
                long before = index.executionsBefore(pcs, index.shardStart(k));
                starts.add(Math.max(0, before - 5));
            }
            for (long start = 0; start < n; start += 997) starts.add(start);
            for (long start : starts) {
                long[] page = index.executionPage(pcs, start, 300);
                assertEquals(Math.min(300, n - start), page.length, "page from " + start);
                for (int i = 0; i < page.length; i++) {
                    long[] regs = index.registersAt(page[i]);
                    regs[15] = 0; // orig_rax, as state() leaves it
                    assertArrayEquals(stops.get((int) start + i), regs, "execution " + (start + i) + " of " + n);
                    if (i > 0) assertTrue(page[i] > page[i - 1]);
                }
            }
            assertEquals(0, index.executionPage(pcs, n, 10).length, "past the last execution");
        }
    }
}
