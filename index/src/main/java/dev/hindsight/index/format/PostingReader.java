package dev.hindsight.index.format;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@link PostingWriter}'s lists: the directory in memory; a long list's skip table (each
 * skip block's first time, frame and position) read on first use and kept; list frames read on
 * demand (the last few kept). So the count of a key range costs nothing, and the n-th entry, the
 * number of entries before a time, or a page of entries cost one skip-table lookup and one skip
 * block's decoding per key, however long the lists are. Thread-safe.
 */
public final class PostingReader {
    private static final int SKIP = PostingWriter.SKIP;

    /** A list's skip blocks: first entry time, frame offset, position in the frame. */
    private record Skips(long[] times, long[] frames, int[] positions) {}

    private final FrameReader file;
    private final long[] keys, firstFrames, skipFrames;
    private final int[] firstPositions, counts;
    private final Skips[] skips;
    private final Map<Long, byte[]> frameCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) { return size() > 16; }
    };

    public PostingReader(FrameReader file, long directoryOffset) {
        this.file = file;
        ByteSource s = new ByteSource(file.read(directoryOffset));
        int n = s.varintInt();
        keys = new long[n];
        counts = new int[n];
        firstFrames = new long[n];
        firstPositions = new int[n];
        skipFrames = new long[n];
        skips = new Skips[n];
        long key = 0;
        for (int i = 0; i < n; i++) {
            keys[i] = key += s.varint();
            counts[i] = s.varintInt();
            firstFrames[i] = s.varint();
            firstPositions[i] = s.varintInt();
            skipFrames[i] = s.varint() - 1;
            if (counts[i] <= 0 || (skipFrames[i] < 0) != (counts[i] <= SKIP)) throw new CorruptIndexException("a posting list's directory entry is inconsistent");
        }
    }

    /** The lists of the keys in [low, high), as indexes into the directory: a selection for the queries below. */
    public int[] lists(long low, long high) {
        int i = Arrays.binarySearch(keys, low);
        i = i < 0 ? -i - 1 : i;
        int j = i;
        while (j < keys.length && keys[j] < high) j++;
        int[] out = new int[j - i];
        for (int k = 0; k < out.length; k++) out[k] = i + k;
        return out;
    }

    /** The key of a list. */
    public long key(int list) { return keys[list]; }

    /** The lists of the given keys (those that have one). */
    public int[] lists(long[] wanted) {
        return Arrays.stream(wanted).mapToInt(k -> Arrays.binarySearch(keys, k)).filter(i -> i >= 0).distinct().toArray();
    }

    /** How many entries the keys in [low, high) hold together, from the directory alone (nothing decoded). */
    public long count(long low, long high) { return count(lists(low, high)); }

    public long count(int[] lists) {
        long n = 0;
        for (int i : lists) n += counts[i];
        return n;
    }

    /** How many entries of the selected lists are before {@code time}. */
    public long rank(int[] lists, long time) {
        long n = 0;
        for (int i : lists) n += rank(i, time);
        return n;
    }

    /** The latest entry of the selected lists before {@code time}, or -1. */
    public long lastBefore(int[] lists, long time) {
        long best = -1;
        for (int i : lists) {
            long r = rank(i, time);
            if (r > 0) best = Math.max(best, entry(i, r - 1));
        }
        return best;
    }

    /** The earliest entry of the selected lists at or after {@code time}, or -1. */
    public long firstFrom(int[] lists, long time) {
        long best = -1;
        for (int i : lists) {
            long r = rank(i, time);
            if (r < counts[i]) {
                long t = entry(i, r);
                if (best < 0 || t < best) best = t;
            }
        }
        return best;
    }

    /** The times (ascending, ≥ from) of every key in [low, high), at most {@code limit}. */
    public long[] times(long low, long high, long from, int limit) { return times(lists(low, high), from, limit); }

    /** The times (ascending, ≥ from) of the selected lists, at most {@code limit}; each list is entered at {@code from} by its skip table. */
    public long[] times(int[] lists, long from, int limit) {
        long[] all = new long[0];
        int n = 0;
        for (int i : lists) {
            long r = rank(i, from);
            int take = (int) Math.min(limit, counts[i] - r);
            if (take <= 0) continue;
            if (n + take > all.length) all = Arrays.copyOf(all, Math.max(n + take, all.length * 2));
            decode(i, r, take, all, n);
            n += take;
        }
        all = Arrays.copyOf(all, n);
        if (lists.length > 1) Arrays.sort(all);
        return all.length > limit ? Arrays.copyOf(all, limit) : all;
    }

    /**
     * The entries of the selected lists in time order from the {@code skip}-th (0-based) on, at
     * most {@code limit}: a page. Needs distinct times across the lists (one instruction per time).
     */
    public long[] page(int[] lists, long skip, int limit) {
        if (lists.length == 0 || skip >= count(lists) || limit <= 0) return new long[0];
        if (lists.length == 1) {
            long[] out = new long[(int) Math.min(limit, counts[lists[0]] - skip)];
            decode(lists[0], skip, out.length, out, 0);
            return out;
        }
        // The skip-th entry's time: the least t with more than skip entries at or before t.
        long lo = Long.MAX_VALUE, hi = 0;
        for (int i : lists) {
            lo = Math.min(lo, entry(i, 0));
            hi = Math.max(hi, entry(i, counts[i] - 1));
        }
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (rank(lists, mid + 1) > skip) hi = mid;
            else lo = mid + 1;
        }
        return times(lists, lo, limit);
    }

    /** Entries of list i before {@code time}. */
    private long rank(int i, long time) {
        int blocks = (counts[i] + SKIP - 1) / SKIP;
        int b = 0;
        if (blocks > 1) {
            long[] starts = skips(i).times;
            b = Arrays.binarySearch(starts, time);
            b = b >= 0 ? b : -b - 2; // the block whose first entry is the last one ≤ time
            if (b < 0) return 0;
        }
        int inBlock = Math.min(SKIP, counts[i] - b * SKIP);
        long[] block = new long[inBlock];
        decode(i, (long) b * SKIP, inBlock, block, 0);
        int k = Arrays.binarySearch(block, time);
        return (long) b * SKIP + (k >= 0 ? k : -k - 1);
    }

    /** Entry k of list i. */
    private long entry(int i, long k) {
        long[] one = new long[1];
        decode(i, k, 1, one, 0);
        return one[0];
    }

    /** Entries k … k+n-1 of list i into out[at…]; each skip block is found by its own frame and position. */
    private void decode(int i, long k, int n, long[] out, int at) {
        long index = k / SKIP * SKIP;
        ByteSource src = null;
        long t = 0;
        while (n > 0) {
            if (index % SKIP == 0) {
                int b = (int) (index / SKIP);
                if (b == 0) {
                    byte[] data = frame(firstFrames[i]);
                    src = new ByteSource(data, firstPositions[i], data.length);
                    t = src.varint(); // the first delta is from time 0
                } else {
                    Skips s = skips(i);
                    byte[] data = frame(s.frames[b]);
                    src = new ByteSource(data, s.positions[b], data.length);
                    src.varint();
                    t = s.times[b];
                }
            } else {
                t += src.varint();
            }
            if (index >= k) {
                out[at++] = t;
                n--;
            }
            index++;
        }
    }

    private Skips skips(int i) {
        Skips s = skips[i];
        if (s == null) {
            int blocks = (counts[i] + SKIP - 1) / SKIP;
            ByteSource src = new ByteSource(file.read(skipFrames[i]));
            long[] times = new long[blocks], frames = new long[blocks];
            int[] positions = new int[blocks];
            long t = 0, f = 0;
            for (int b = 0; b < blocks; b++) {
                times[b] = t += src.varint();
                frames[b] = f += src.varint();
                positions[b] = src.varintInt();
            }
            s = new Skips(times, frames, positions);
            skips[i] = s; // immutable: publishing it racily only means another thread may build it too
        }
        return s;
    }

    private byte[] frame(long offset) {
        synchronized (frameCache) {
            byte[] f = frameCache.get(offset);
            if (f != null) return f;
        }
        byte[] f = file.read(offset);
        synchronized (frameCache) {
            frameCache.put(offset, f);
        }
        return f;
    }
}
