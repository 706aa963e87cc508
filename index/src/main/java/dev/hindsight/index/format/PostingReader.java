package dev.hindsight.index.format;

import java.util.Arrays;

/** Reads {@link PostingWriter}'s lists: the directory in memory, each list's frame on demand. */
public final class PostingReader {
    private final FrameReader file;
    private final long[] keys, frames;
    private final int[] positions, lengths, counts;

    public PostingReader(FrameReader file, long directoryOffset) {
        this.file = file;
        ByteSource s = new ByteSource(file.read(directoryOffset));
        int n = s.varintInt();
        keys = new long[n];
        frames = new long[n];
        positions = new int[n];
        lengths = new int[n];
        counts = new int[n];
        long key = 0;
        for (int i = 0; i < n; i++) {
            keys[i] = key += s.varint();
            frames[i] = s.varint();
            positions[i] = s.varintInt();
            lengths[i] = s.varintInt();
            counts[i] = s.varintInt();
        }
    }

    /** How many times the keys in [low, high) hold together, from the directory alone (nothing decoded). */
    public long count(long low, long high) {
        int i = Arrays.binarySearch(keys, low);
        if (i < 0) i = -i - 1;
        long n = 0;
        for (; i < keys.length && keys[i] < high; i++) n += counts[i];
        return n;
    }

    /** The times (ascending, ≥ from) of every key in [low, high), at most {@code limit}. */
    public long[] times(long low, long high, long from, int limit) {
        int i = Arrays.binarySearch(keys, low);
        if (i < 0) i = -i - 1;
        long[] all = new long[0];
        int n = 0;
        for (; i < keys.length && keys[i] < high; i++) {
            byte[] frame = file.read(frames[i]);
            ByteSource s = new ByteSource(frame, positions[i], positions[i] + lengths[i]);
            if (n + counts[i] > all.length) all = Arrays.copyOf(all, Math.max(n + counts[i], all.length * 2));
            long t = 0;
            for (int k = 0; k < counts[i]; k++) {
                t += s.varint();
                if (t >= from) all[n++] = t;
            }
        }
        all = Arrays.copyOf(all, n);
        Arrays.sort(all);
        return all.length > limit ? Arrays.copyOf(all, limit) : all;
    }
}
