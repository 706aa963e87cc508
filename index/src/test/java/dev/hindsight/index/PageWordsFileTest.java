package dev.hindsight.index;

import dev.hindsight.index.testing.Directories;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.index.format.BlockSummary;
import dev.hindsight.index.format.FrameReader;
import dev.hindsight.index.format.Layout;
import dev.hindsight.index.testing.Expected;
import dev.hindsight.index.testing.ShardedBuild;
import dev.hindsight.index.testing.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The busy pages the build regroups by word ({@code pagewords.bin}, read by a serving process's
 * first query instead of regrouping in memory) on a live single-stepped run of the workload: each
 * stored page is the block summaries regrouped by word (computed here from summary.bin alone),
 * memory read through them is the live run's, an index without the file (as built before it
 * existed) answers the same, and a damaged file is refused with a sentence.
 */
class PageWordsFileTest {
    @TempDir Path tmp;

    @Test
    void storedPagesAreTheSummariesRegroupedAndAnswerAsTheLiveRunAndTheOldPath() throws Exception {
        Workload.Run run = Workload.recorded();
        Path trace = Files.createDirectory(tmp.resolve("stored"));
        ShardedBuild.build(run.recording(), trace, run.steps(), 1);
        Path shard = IndexStore.indexDir(trace).resolve(IndexStore.shardName(0));

        List<BlockSummary> summaries = new ArrayList<>();
        try (FrameReader r = new FrameReader(shard.resolve(Layout.SUMMARY))) {
            for (byte[] frame : r.readAll()) summaries.add(BlockSummary.decode(frame));
        }
        BlockSummary[] blocks = summaries.toArray(new BlockSummary[0]);
        try (PageWordsFile stored = PageWordsFile.open(shard.resolve(Layout.PAGE_WORDS))) {
            assertTrue(stored.pageCount() >= 1, "no busy page stored: " + blocks.length + " blocks");
            for (int i = 0; i < stored.pageCount(); i++) {
                long page = stored.page(i);
                long[] writers = writersOf(page, blocks);
                assertTrue(writers.length >= PageWordsFile.MIN_BLOCKS, "page " + Long.toHexString(page) + " has only " + writers.length + " writers");
                assertArrayEquals(PageWordsFile.encode(PageWords.of(page, writers, blocks)), PageWordsFile.encode(stored.read(page)),
                        "page 0x" + Long.toHexString(page << 12));
            }
        }

        // The same index without the file: what an index built before it existed looks like.
        Path old = tmp.resolve("old");
        Directories.copyTree(trace, old);
        Files.delete(IndexStore.indexDir(old).resolve(IndexStore.shardName(0)).resolve(Layout.PAGE_WORDS));
        Expected expected = run.expected();
        try (IndexReader withFile = IndexReader.open(trace); IndexReader without = IndexReader.open(old)) {
            int probes = 0;
            for (Expected.Probe p : expected.probes) {
                if (p.time() >= run.steps()) continue;
                byte[] answer = withFile.memoryAt(p.time(), p.address(), p.bytes().length);
                assertArrayEquals(p.bytes(), answer, "memory at 0x" + Long.toHexString(p.address()) + " at " + p.time());
                assertArrayEquals(answer, without.memoryAt(p.time(), p.address(), p.bytes().length), "without pagewords.bin at " + p.time());
                assertEquals(times(withFile.lastWrites(p.time(), p.address(), p.bytes().length)),
                        times(without.lastWrites(p.time(), p.address(), p.bytes().length)), "last writes at " + p.time());
                probes++;
            }
            assertTrue(probes > 100, "probes: " + probes);
        }

        // A flipped bit in its directory (the last frame) is refused when the index is opened.
        Path file = IndexStore.indexDir(trace).resolve(IndexStore.shardName(0)).resolve(Layout.PAGE_WORDS);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x10;
        Files.write(file, bytes);
        String message = assertThrows(IndexException.class, () -> IndexReader.open(trace).close()).getMessage();
        assertTrue(message.contains(Layout.PAGE_WORDS), message);
    }

    /** The blocks whose written-word masks touch {@code page}, ascending: from the summaries alone. */
    private static long[] writersOf(long page, BlockSummary[] blocks) {
        List<Long> out = new ArrayList<>();
        for (int b = 0; b < blocks.length; b++) {
            for (long w : blocks[b].words()) {
                if ((w >>> 8) >>> 9 == page && (w & 0xFF) != 0) {
                    out.add((long) b);
                    break;
                }
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static List<Long> times(List<Write> writes) {
        return writes.stream().map(Write::time).toList();
    }
}
