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

    PageWords(long firstWord, int[] starts, int[] blocks, byte[] masks) {
        this.firstWord = firstWord;
        this.starts = starts;
        this.blocks = blocks;
        this.masks = masks;
    }

    /**
     * The words of {@code page} written by {@code writers} (the page's blocks, ascending). Plain
     * loops, no streams or lambdas: a fresh process runs this interpreted on its first read of
     * each page, where each stream pipeline or lambda costs milliseconds of class loading and
     * bootstrapping; each writer's slice of the page is found by one binary search, kept for the
     * second pass.
     */
    static PageWords of(long page, long[] writers, BlockSummary[] summaries) {
        long first = page << 9, end = first + 512;
        int[] from = new int[writers.length], to = new int[writers.length];
        int[] starts = new int[513];
        long previous = -1;
        for (int j = 0; j < writers.length; j++) {
            if (writers[j] == previous) continue; // the slice stays empty: each block once
            previous = writers[j];
            long[] words = summaries[(int) writers[j]].words();
            int i = Arrays.binarySearch(words, first << 8);
            i = i < 0 ? -i - 1 : i;
            from[j] = i;
            for (; i < words.length && (words[i] >>> 8) < end; i++) {
                if ((words[i] & 0xFF) != 0) starts[(int) ((words[i] >>> 8) - first) + 1]++;
            }
            to[j] = i;
        }
        for (int w = 0; w < 512; w++) starts[w + 1] += starts[w];
        int[] next = Arrays.copyOf(starts, 512);
        int[] blocks = new int[starts[512]];
        byte[] masks = new byte[starts[512]];
        for (int j = 0; j < writers.length; j++) {
            long[] words = summaries[(int) writers[j]].words();
            for (int i = from[j]; i < to[j]; i++) {
                if ((words[i] & 0xFF) == 0) continue;
                int e = next[(int) ((words[i] >>> 8) - first)]++;
                blocks[e] = (int) writers[j];
                masks[e] = (byte) words[i];
            }
        }
        return new PageWords(first, starts, blocks, masks);
    }

    int[] starts() { return starts; }

    int[] blocks() { return blocks; }

    byte[] masks() { return masks; }

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
            if (blocks[e] < 0) throw new dev.hindsight.index.format.CorruptIndexException("a stored page names block " + blocks[e]);
            out[n + added++] = blocks[e];
            if (blocks[e] != last) wanted &= ~hit;
        }
        return added;
    }
}
