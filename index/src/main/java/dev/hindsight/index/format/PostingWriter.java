package dev.hindsight.index.format;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Posting lists key → ascending times (the per-pc index: every execution of an instruction),
 * gathered in memory as varint deltas (about a byte per instruction) and written at the end of
 * the shard: the lists in key order, packed into frames of about 64 KiB, then a directory frame
 * (key, frame offset, position and length in the frame, count).
 */
public final class PostingWriter {
    private static final class Posting {
        final ByteSink times = new ByteSink(16);
        long last;
        int count;
    }

    private final Map<Long, Posting> postings = new HashMap<>();

    public void add(long key, long time) {
        Posting p = postings.computeIfAbsent(key, k -> new Posting());
        p.times.putVarint(time - p.last);
        p.last = time;
        p.count++;
    }

    /** Writes the lists and the directory; returns the directory frame's offset. */
    public long write(FrameWriter out) {
        long[] keys = postings.keySet().stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(keys);
        ByteSink frame = new ByteSink(1 << 16), directory = new ByteSink(keys.length * 8 + 16);
        directory.putVarint(keys.length);
        int firstInFrame = 0;
        long[] frameOf = new long[keys.length];
        int[] position = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            Posting p = postings.get(keys[i]);
            if (frame.size() > 0 && frame.size() + p.times.size() > 1 << 16) {
                long at = out.write(frame);
                for (int j = firstInFrame; j < i; j++) frameOf[j] = at;
                frame.reset();
                firstInFrame = i;
            }
            position[i] = frame.size();
            frame.put(p.times.array(), 0, p.times.size());
        }
        if (frame.size() > 0) {
            long at = out.write(frame);
            for (int j = firstInFrame; j < keys.length; j++) frameOf[j] = at;
        }
        long previousKey = 0;
        for (int i = 0; i < keys.length; i++) {
            Posting p = postings.get(keys[i]);
            directory.putVarint(keys[i] - previousKey);
            previousKey = keys[i];
            directory.putVarint(frameOf[i]);
            directory.putVarint(position[i]);
            directory.putVarint(p.times.size());
            directory.putVarint(p.count);
        }
        return out.write(directory);
    }
}
