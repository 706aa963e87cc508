package dev.hindsight.index.format;

import java.util.Arrays;

/**
 * What one block holds, kept in memory by the reader: its times, where it is on disk, its distinct
 * pcs and the 8-byte words it wrote (with byte masks), both sorted, so the per-pc and per-address
 * queries decode only the blocks that can answer.
 */
public record BlockSummary(long start, int count, long offset, long[] pcs, long[] words) {
    public static BlockSummary decode(byte[] frame) {
        ByteSource s = new ByteSource(frame);
        long start = s.varint();
        int count = s.varintInt();
        long offset = s.varint();
        return new BlockSummary(start, count, offset, sorted(s), sorted(s));
    }

    private static long[] sorted(ByteSource s) {
        long[] v = new long[s.varintInt()];
        long previous = 0;
        for (int i = 0; i < v.length; i++) v[i] = previous += s.varint();
        return v;
    }

    public long end() { return start + count; }

    /** Whether an instruction at a pc in [low, high) is in the block. */
    public boolean hasPc(long low, long high) {
        int i = Arrays.binarySearch(pcs, low);
        if (i >= 0) return true;
        i = -i - 1;
        return i < pcs.length && pcs[i] < high;
    }

    /** The bytes of 8-byte word {@code qword} the block wrote (a mask, bit i = byte i). */
    public int writtenMask(long qword) {
        int i = Arrays.binarySearch(words, qword << 8);
        if (i < 0) i = -i - 1;
        return i < words.length && (words[i] >>> 8) == qword ? (int) (words[i] & 0xFF) : 0;
    }

    /** Whether the block wrote any byte of [address, end). */
    public boolean wrote(long address, long end) {
        long first = address >>> 3, last = (end - 1) >>> 3;
        int i = Arrays.binarySearch(words, first << 8);
        if (i < 0) i = -i - 1;
        for (; i < words.length && (words[i] >>> 8) <= last; i++) {
            long q = words[i] >>> 8;
            long lo = Math.max(address, q << 3), hi = Math.min(end, (q << 3) + 8);
            int want = ((1 << (int) (hi - lo)) - 1) << (int) (lo - (q << 3));
            if ((words[i] & want) != 0) return true;
        }
        return false;
    }
}
