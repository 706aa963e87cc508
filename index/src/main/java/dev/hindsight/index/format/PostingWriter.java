package dev.hindsight.index.format;

import java.util.Arrays;

/**
 * Posting lists key → ascending times (the per-pc index: every execution of an instruction; the
 * per-page index: the blocks that wrote it), gathered in memory as varint deltas (about a byte
 * per entry) and written at the end of the shard.
 *
 * <p>Format (index version 2): each list is cut into skip blocks of {@link #SKIP} entries; a skip
 * block never straddles two frames, so any entry is found by reading one frame of at most about
 * {@link #FRAME} bytes. The lists go in key order, packed into frames; then, for every list longer
 * than one skip block, a skip frame (per skip block: its first entry's time, its frame offset and
 * its position in that frame, delta-coded); then the directory frame (per key: the key, the
 * count, the first skip block's frame and position, and the skip frame's offset + 1, 0 for none).
 * A page of a list with millions of entries, its count, or the entries around a time therefore
 * cost one skip frame and one list frame, not the whole list.
 */
public final class PostingWriter {
    /** Entries per skip block. */
    public static final int SKIP = 128;
    /** Frames are cut near this size: a lookup decompresses one. */
    public static final int FRAME = 1 << 14;

    private static final class Posting {
        final ByteSink times = new ByteSink(16);
        long last;
        int count;
        /** Per skip block: where its first entry's varint starts, and that entry's time. */
        long[] blockPosition = new long[1], blockTime = new long[1];
    }

    /** By key; a build adds an entry per instruction (its pc) and per word it reads, mostly to a few hot keys. */
    private final RecentKeyMap<Posting> postings = new RecentKeyMap<>(12);

    public void add(long key, long time) {
        Posting p = postings.computeIfAbsent(key, k -> new Posting());
        if (p.count > 0 && p.last == time) return; // one entry per time (an instruction reading a word twice)
        if (p.count % SKIP == 0) {
            int b = p.count / SKIP;
            if (b == p.blockPosition.length) {
                p.blockPosition = Arrays.copyOf(p.blockPosition, b * 2);
                p.blockTime = Arrays.copyOf(p.blockTime, b * 2);
            }
            p.blockPosition[b] = p.times.size();
            p.blockTime[b] = time;
        }
        p.times.putVarint(time - p.last);
        p.last = time;
        p.count++;
    }

    /** Writes the lists, their skip frames and the directory; returns the directory frame's offset. */
    public long write(FrameWriter out) {
        long[] keys = postings.all().keySet().stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(keys);
        ByteSink frame = new ByteSink(FRAME * 2);
        // Skip blocks name their frame by sequence number until the frame is written.
        long[] frameOffsets = new long[16];
        int frames = 0;
        int[][] blockFrame = new int[keys.length][], blockPosition = new int[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            Posting p = postings.all().get(keys[i]);
            int blocks = (p.count + SKIP - 1) / SKIP;
            blockFrame[i] = new int[blocks];
            blockPosition[i] = new int[blocks];
            for (int b = 0; b < blocks; b++) {
                int from = (int) p.blockPosition[b], to = b + 1 < blocks ? (int) p.blockPosition[b + 1] : p.times.size();
                if (frame.size() > 0 && frame.size() + (to - from) > FRAME) {
                    if (frames == frameOffsets.length) frameOffsets = Arrays.copyOf(frameOffsets, frames * 2);
                    frameOffsets[frames++] = out.write(frame);
                    frame.reset();
                }
                blockFrame[i][b] = frames;
                blockPosition[i][b] = frame.size();
                frame.put(p.times.array(), from, to - from);
            }
        }
        if (frame.size() > 0) {
            if (frames == frameOffsets.length) frameOffsets = Arrays.copyOf(frameOffsets, frames + 1);
            frameOffsets[frames++] = out.write(frame);
        }
        long[] skipFrame = new long[keys.length];
        ByteSink skips = new ByteSink(1 << 12);
        for (int i = 0; i < keys.length; i++) {
            Posting p = postings.all().get(keys[i]);
            if (blockFrame[i].length <= 1) continue;
            skips.reset();
            long time = 0, at = 0;
            for (int b = 0; b < blockFrame[i].length; b++) {
                skips.putVarint(p.blockTime[b] - time);
                skips.putVarint(frameOffsets[blockFrame[i][b]] - at);
                skips.putVarint(blockPosition[i][b]);
                time = p.blockTime[b];
                at = frameOffsets[blockFrame[i][b]];
            }
            skipFrame[i] = out.write(skips) + 1;
        }
        ByteSink directory = new ByteSink(keys.length * 8 + 16);
        directory.putVarint(keys.length);
        long previousKey = 0;
        for (int i = 0; i < keys.length; i++) {
            Posting p = postings.all().get(keys[i]);
            directory.putVarint(keys[i] - previousKey);
            previousKey = keys[i];
            directory.putVarint(p.count);
            directory.putVarint(frameOffsets[blockFrame[i][0]]);
            directory.putVarint(blockPosition[i][0]);
            directory.putVarint(skipFrame[i]);
        }
        return out.write(directory);
    }
}
