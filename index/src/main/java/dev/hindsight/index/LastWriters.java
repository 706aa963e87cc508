package dev.hindsight.index;

import dev.hindsight.index.format.BlockSummary;
import dev.hindsight.index.format.PostingReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * For one shard, the blocks that can hold the bytes of a range as they are at a time: the
 * range's pages regrouped by word ({@link PageWords}): read from {@code pagewords.bin} when the
 * build stored the page there (a busy page), else made in memory from the block summaries, on
 * first use, and kept within a budget. Thread-safe.
 */
final class LastWriters {
    private final PostingReader pageIndex;
    private final BlockSummary[] blocks;
    /** The pages the build regrouped, or null for an index built before they were stored. */
    private final PageWordsFile stored;

    LastWriters(PostingReader pageIndex, BlockSummary[] blocks, PageWordsFile stored) {
        this.pageIndex = pageIndex;
        this.blocks = blocks;
        this.stored = stored;
    }

    /**
     * The blocks up to {@code last} that can hold the latest write before t to an unknown byte of
     * the range, ascending (see {@link PageWords#candidates}); every block that wrote one of the
     * range's pages when a page is too busy to regroup by word.
     */
    long[] of(long address, int length, boolean[] known, int last) {
        long firstPage = address >>> 12, endPage = ((address + length - 1) >>> 12) + 1;
        int[] found = new int[16];
        int n = 0;
        for (long page = firstPage; page < endPage; page++) {
            PageWords words = pageWords(page);
            if (words == null) return pageIndex.times(firstPage, endPage, 0, Integer.MAX_VALUE);
            long from = Math.max(address, page << 12), to = Math.min(address + length, (page + 1) << 12);
            for (long word = from >>> 3; word << 3 < to; word++) {
                int wanted = 0;
                for (int bit = 0; bit < 8; bit++) {
                    long a = (word << 3) + bit;
                    if (a >= from && a < to && !known[(int) (a - address)]) wanted |= 1 << bit;
                }
                if (wanted == 0) continue;
                if (n + 9 > found.length) found = java.util.Arrays.copyOf(found, found.length * 2);
                n += words.candidates(word, wanted, last, found, n);
            }
        }
        // Sorted and without repeats by plain loops: no stream pipeline on a fresh process's first read.
        java.util.Arrays.sort(found, 0, n);
        long[] out = new long[n];
        int m = 0;
        for (int i = 0; i < n; i++) if (m == 0 || out[m - 1] != found[i]) out[m++] = found[i];
        return java.util.Arrays.copyOf(out, m);
    }

    /** Pages regrouped by word, at most this many (word, block) entries kept per shard (about 5 bytes each). */
    static final int PAGE_WORDS_BUDGET = 1 << 20;
    private final Map<Long, PageWords> pageWords = new LinkedHashMap<>(16, 0.75f, true);
    private long pageWordsSize;
    /** Pages written so widely that regrouping them would exceed the budget: read by walking their blocks. */
    private final java.util.Set<Long> busyPages = new java.util.HashSet<>();

    /** {@code page} regrouped by word (made once, kept while the budget allows), or null when it alone would exceed the budget. */
    private synchronized PageWords pageWords(long page) {
        PageWords p = pageWords.get(page);
        if (p != null || busyPages.contains(page)) return p;
        p = stored == null ? null : stored.read(page);
        if (p == null) p = PageWords.of(page, pageIndex.times(page, page + 1, 0, Integer.MAX_VALUE), blocks);
        if (p.size() > PAGE_WORDS_BUDGET) {
            busyPages.add(page);
            return null;
        }
        pageWords.put(page, p);
        pageWordsSize += p.size();
        var eldest = pageWords.entrySet().iterator();
        while (pageWordsSize > PAGE_WORDS_BUDGET && eldest.hasNext()) {
            pageWordsSize -= eldest.next().getValue().size();
            eldest.remove();
        }
        return p;
    }
}
