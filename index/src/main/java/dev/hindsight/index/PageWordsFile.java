package dev.hindsight.index;

import dev.hindsight.index.format.BlockSummary;
import dev.hindsight.index.format.CorruptIndexException;
import dev.hindsight.index.format.FrameReader;
import dev.hindsight.index.format.FrameWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A shard's busy pages regrouped by word ({@link PageWords}) at build time, in {@code
 * pagewords.bin}, so that a serving process's first read of a stack page costs one frame read
 * and three bulk copies instead of regrouping the written-word masks of every block of the shard
 * (about 7 ms of CPU for a stack page written by 7,800 blocks, in a fresh process whose code is
 * still interpreted). Only pages written by at least {@link #MIN_BLOCKS} blocks are kept (fewer
 * regroup in memory in microseconds), and none larger than the reader's budget.
 *
 * <p>Layout: one frame per page, {@code [n][starts: 513 ints][blocks: n ints][masks: n bytes]}
 * (little-endian, fixed width so that reading is bulk copies, not varint decoding), pages
 * ascending; then a directory frame, {@code [pages][page, frame offset]…} (longs after the int).
 * Optional: an index built before it existed has no such file, and its pages are regrouped in
 * memory on first use as before (same answers).
 */
final class PageWordsFile implements AutoCloseable {
    /** Pages written by fewer blocks are not stored: regrouping them costs microseconds. */
    static final int MIN_BLOCKS = Integer.getInteger("hindsight.index.pageWordsMinBlocks", 16);

    private final FrameReader file;
    private final long[] pages, offsets;

    private PageWordsFile(FrameReader file, long[] pages, long[] offsets) {
        this.file = file;
        this.pages = pages;
        this.offsets = offsets;
    }

    /** Writes the busy pages of a shard whose block summaries are {@code summaries} (in block order). */
    static void write(Path path, List<BlockSummary> summaries) {
        BlockSummary[] blocks = summaries.toArray(new BlockSummary[0]);
        // How many blocks wrote each page (each block counted once: its words are sorted, so its
        // pages are too); then the writers of the busy pages only, ascending.
        java.util.Map<Long, Integer> counts = new java.util.HashMap<>();
        for (BlockSummary block : blocks) forEachPage(block, page -> counts.merge(page, 1, Integer::sum));
        java.util.TreeMap<Long, long[]> writers = new java.util.TreeMap<>();
        counts.forEach((page, n) -> { if (n >= MIN_BLOCKS) writers.put(page, new long[n]); });
        int[] filled = new int[writers.size()];
        long[] busy = writers.keySet().stream().mapToLong(Long::longValue).toArray();
        for (int b = 0; b < blocks.length; b++) {
            int block = b;
            forEachPage(blocks[b], page -> {
                int i = Arrays.binarySearch(busy, page);
                if (i >= 0) writers.get(page)[filled[i]++] = block;
            });
        }
        try (FrameWriter out = new FrameWriter(path)) {
            ByteBuffer directory = ByteBuffer.allocate(4 + 16 * writers.size()).order(ByteOrder.LITTLE_ENDIAN);
            directory.putInt(0);
            int stored = 0;
            for (var e : writers.entrySet()) {
                PageWords p = PageWords.of(e.getKey(), e.getValue(), blocks);
                if (p.size() > LastWriters.PAGE_WORDS_BUDGET) continue; // the reader would not keep it
                byte[] frame = encode(p);
                directory.putLong(e.getKey()).putLong(out.write(frame, frame.length));
                stored++;
            }
            directory.putInt(0, stored);
            out.write(directory.array(), directory.position());
        }
    }

    /** Each page a block wrote, once, ascending (its words are sorted: a word's address, then its byte mask). */
    private static void forEachPage(BlockSummary block, java.util.function.LongConsumer action) {
        long previous = -1;
        for (long w : block.words()) {
            long page = (w >>> 8) >>> 9;
            if ((w & 0xFF) == 0 || page == previous) continue;
            previous = page;
            action.accept(page);
        }
    }

    /** A page's frame: fixed-width arrays, so reading it back is bulk copies. */
    static byte[] encode(PageWords p) {
        int n = p.size();
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * 513 + 5 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(n);
        b.asIntBuffer().put(p.starts());
        b.position(4 + 4 * 513);
        b.asIntBuffer().put(p.blocks());
        b.position(4 + 4 * 513 + 4 * n);
        b.put(p.masks());
        return b.array();
    }

    /** The shard's stored pages, or null when the index has none (built before they were stored). */
    static PageWordsFile open(Path path) {
        if (!Files.isRegularFile(path)) return null;
        FrameReader file = new FrameReader(path);
        try {
            long last = 0;
            for (long at = 0; at < file.size(); at = file.next(at)) last = at;
            ByteBuffer d = ByteBuffer.wrap(file.read(last)).order(ByteOrder.LITTLE_ENDIAN);
            int count = d.getInt();
            if (count < 0 || d.remaining() != 16L * count) throw new CorruptIndexException(path.getFileName() + " has a bad directory");
            long[] pages = new long[count], offsets = new long[count];
            for (int i = 0; i < count; i++) {
                pages[i] = d.getLong();
                offsets[i] = d.getLong();
                if (i > 0 && pages[i] <= pages[i - 1] || offsets[i] < 0 || offsets[i] >= last) {
                    throw new CorruptIndexException(path.getFileName() + " has a bad directory");
                }
            }
            return new PageWordsFile(file, pages, offsets);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** How many pages it holds. */
    int pageCount() { return pages.length; }

    long page(int i) { return pages[i]; }

    /** {@code page} regrouped by word as stored, or null when it is not stored. */
    PageWords read(long page) {
        int i = Arrays.binarySearch(pages, page);
        if (i < 0) return null;
        ByteBuffer b = ByteBuffer.wrap(file.read(offsets[i])).order(ByteOrder.LITTLE_ENDIAN);
        int n = b.getInt();
        if (n < 0 || b.capacity() != 4 + 4 * 513 + 5L * n) throw new CorruptIndexException("pagewords.bin has a bad page " + page);
        int[] starts = new int[513], blocks = new int[n];
        byte[] masks = new byte[n];
        b.asIntBuffer().get(starts);
        b.position(4 + 4 * 513);
        b.asIntBuffer().get(blocks);
        b.position(4 + 4 * 513 + 4 * n);
        b.get(masks);
        // Cheap checks only (the frame's checksum already held); a block index is checked where it is used.
        if (starts[0] != 0 || starts[512] != n) throw new CorruptIndexException("pagewords.bin has a bad page " + page);
        for (int w = 0; w < 512; w++) if (starts[w + 1] < starts[w]) throw new CorruptIndexException("pagewords.bin has a bad page " + page);
        return new PageWords(page << 9, starts, blocks, masks);
    }

    @Override
    public void close() { file.close(); }
}
