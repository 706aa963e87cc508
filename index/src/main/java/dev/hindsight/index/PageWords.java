package dev.hindsight.index;

import dev.hindsight.index.format.BlockSummary;
import java.util.Arrays;

/**
 * Which blocks of a shard wrote each 8-byte word of one 4 KiB page, with the bytes each wrote:
 * the block summaries' written-word masks regrouped by word, made in memory from the page's
 * posting list (nothing on disk changes). With it, the bytes of a range before time t are found
 * by going straight to the last block that wrote each byte, instead of walking back over every
 * block that wrote anywhere in the page: a stack page is written by nearly every block of a
 * shard, while the slots above the innermost frames were often written only at its start, so
 * that walk cost a whole shard's block summaries per read of the stack.
 */
final class PageWords {
    /** The page's first word (the page number times 512). */
    private final long firstWord;
    /** Entries of word i: [starts[i], starts[i+1]); blocks ascending. */
    private final int[] starts;
    private final int[] blocks;
    private final byte[] masks;

    private PageWords(long firstWord, int[] starts, int[] blocks, byte[] masks) {
        this.firstWord = firstWord;
        this.starts = starts;
        this.blocks = blocks;
        this.masks = masks;
    }

    /** The words of {@code page} written by {@code writers} (the page's blocks, ascending). */
    static PageWords of(long page, long[] writers, BlockSummary[] summaries) {
        long first = page << 9, end = first + 512;
        writers = Arrays.stream(writers).distinct().toArray();
        int[] counts = new int[513];
        for (long b : writers) forEachWord(summaries[(int) b], first, end, (word, mask) -> counts[(int) (word - first) + 1]++);
        for (int i = 0; i < 512; i++) counts[i + 1] += counts[i];
        int[] starts = counts.clone(), next = Arrays.copyOf(counts, 512);
        int[] blocks = new int[counts[512]];
        byte[] masks = new byte[counts[512]];
        for (long b : writers) {
            forEachWord(summaries[(int) b], first, end, (word, mask) -> {
                int i = next[(int) (word - first)]++;
                blocks[i] = (int) b;
                masks[i] = (byte) mask;
            });
        }
        return new PageWords(first, starts, blocks, masks);
    }

    private interface WordVisitor { void visit(long word, int mask); }

    private static void forEachWord(BlockSummary s, long first, long end, WordVisitor v) {
        long[] words = s.words();
        int i = Arrays.binarySearch(words, first << 8);
        for (i = i < 0 ? -i - 1 : i; i < words.length && (words[i] >>> 8) < end; i++) {
            if ((words[i] & 0xFF) != 0) v.visit(words[i] >>> 8, (int) (words[i] & 0xFF));
        }
    }

    /** How many (word, block) entries it holds: its size in memory is about 5 bytes each. */
    int size() { return blocks.length; }

    /**
     * Adds to {@code out} the blocks that can hold the last write before t to the bytes of
     * {@code word} in {@code wanted} (a byte mask): for each byte the last block up to {@code last}
     * (the block holding t-1) that wrote it, and, when that is {@code last} itself (whose writes
     * may all come at or after t), the one before it as well. Returns how many it added.
     */
    int candidates(long word, int wanted, int last, int[] out, int n) {
        int w = (int) (word - firstWord);
        int lo = starts[w], hi = starts[w + 1];
        // the first entry past `last`, then downwards
        int i = Arrays.binarySearch(blocks, lo, hi, last + 1);
        i = i < 0 ? -i - 1 : i;
        int added = 0;
        for (int e = i - 1; e >= lo && wanted != 0; e--) {
            int hit = masks[e] & wanted;
            if (hit == 0) continue;
            out[n + added++] = blocks[e];
            if (blocks[e] != last) wanted &= ~hit;
        }
        return added;
    }
}
