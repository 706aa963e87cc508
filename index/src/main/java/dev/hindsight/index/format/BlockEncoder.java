package dev.hindsight.index.format;

import java.util.Arrays;

/**
 * Encodes instructions into one block of columns (tids, pc deltas, changed-register masks,
 * register deltas, kinds, write counts, write addresses, lengths, bytes): alike values sit
 * together, so zstd finds them. Also gathers the block's summary: its distinct pcs and the
 * 8-byte words it wrote with a byte mask each (the per-pc and per-address indexes).
 *
 * <p>The last instruction stays open: the kernel's writes of a syscall or signal delivery arrive
 * after it and are added to it ({@link #addWrite} after {@link #add}).
 */
public final class BlockEncoder {
    private final ByteSink tids = new ByteSink(1024), pcs = new ByteSink(8192), masks = new ByteSink(8192),
            values = new ByteSink(16384), kinds = new ByteSink(4096), writeCounts = new ByteSink(4096),
            writeAddresses = new ByteSink(8192), writeLengths = new ByteSink(4096), writeBytes = new ByteSink(32768);
    private final long[] base = new long[Layout.REGS], previous = new long[Layout.REGS];
    private long start;
    private int count, openWrites, previousTid;
    private long previousPc, previousWrite;
    private long[] pcList = new long[Layout.BLOCK];
    private long[] qwords = new long[1024];
    private int qwordCount;

    public int count() { return count; }

    public long start() { return start; }

    public void begin(long startTime) {
        start = startTime;
        count = 0;
        openWrites = 0;
        qwordCount = 0;
        for (ByteSink s : columns()) s.reset();
    }

    private ByteSink[] columns() {
        return new ByteSink[] {tids, pcs, masks, values, kinds, writeCounts, writeAddresses, writeLengths, writeBytes};
    }

    public void add(int tid, long[] regs, int kind) {
        if (count > 0) writeCounts.putVarint(openWrites);
        openWrites = 0;
        long pc = regs[Layout.RIP];
        if (count == 0) {
            System.arraycopy(regs, 0, base, 0, Layout.REGS);
            System.arraycopy(regs, 0, previous, 0, Layout.REGS);
            previousTid = 0; // the first delta carries the thread id itself
            previousPc = pc;
            previousWrite = regs[19]; // rsp: most writes are near it
        }
        tids.putSigned(tid - previousTid);
        previousTid = tid;
        pcs.putSigned(pc - previousPc);
        previousPc = pc;
        long mask = 0;
        for (int r = 0; r < Layout.REGS; r++) {
            if (r != Layout.RIP && regs[r] != previous[r]) mask |= 1L << r;
        }
        masks.putVarint(mask);
        for (long m = mask; m != 0; m &= m - 1) {
            int r = Long.numberOfTrailingZeros(m);
            values.putSigned(regs[r] - previous[r]);
            previous[r] = regs[r];
        }
        previous[Layout.RIP] = pc;
        kinds.put(kind);
        if (count == pcList.length) pcList = Arrays.copyOf(pcList, count * 2);
        pcList[count++] = pc;
    }

    /** A write by the last added instruction (or, {@code kernel}, by the kernel during it). */
    public void addWrite(long address, byte[] bytes, int offset, int length, boolean kernel) {
        openWrites++;
        writeAddresses.putSigned(address - previousWrite);
        previousWrite = address;
        writeLengths.putVarint(Layout.writeLength(length, kernel));
        writeBytes.put(bytes, offset, length);
        long end = address + length;
        for (long q = address >>> 3; q << 3 < end; q++) {
            long lo = Math.max(address, q << 3), hi = Math.min(end, (q << 3) + 8);
            int mask = ((1 << (int) (hi - lo)) - 1) << (int) (lo - (q << 3));
            if (qwordCount == qwords.length) compactQwords();
            qwords[qwordCount++] = Layout.qwordEntry(q, mask);
        }
    }

    /** Sorts the word entries and merges each word's masks (keeps the buffer small in memcpy loops). */
    private void compactQwords() {
        Arrays.sort(qwords, 0, qwordCount);
        int out = 0;
        for (int i = 0; i < qwordCount; i++) {
            long e = qwords[i];
            if (out > 0 && (qwords[out - 1] >>> 8) == (e >>> 8)) qwords[out - 1] |= e & 0xFF;
            else qwords[out++] = e;
        }
        qwordCount = out;
        if (qwordCount > qwords.length / 2) qwords = Arrays.copyOf(qwords, qwords.length * 2);
    }

    /** The block's bytes (uncompressed) into {@code out}. */
    public void encode(ByteSink out) {
        writeCounts.putVarint(openWrites);
        openWrites = 0;
        out.reset();
        out.putVarint(start);
        out.putVarint(count);
        for (long r : base) out.putLong(r);
        for (ByteSink s : columns()) {
            out.putVarint(s.size());
            out.put(s.array(), 0, s.size());
        }
    }

    /** The distinct 4 KiB pages the block wrote, ascending (after {@link #summarize}). */
    public long[] pages() {
        long[] pages = new long[qwordCount];
        int n = 0;
        for (int i = 0; i < qwordCount; i++) {
            long page = (qwords[i] >>> 8) >>> 9;
            if (n == 0 || pages[n - 1] != page) pages[n++] = page;
        }
        return Arrays.copyOf(pages, n);
    }

    /** The block's summary: where it is, its distinct pcs, its written words (both sorted). */
    public void summarize(long blockOffset, ByteSink out) {
        compactQwords();
        long[] distinct = Arrays.copyOf(pcList, count);
        Arrays.sort(distinct);
        out.reset();
        out.putVarint(start);
        out.putVarint(count);
        out.putVarint(blockOffset);
        putSorted(out, distinct, count, true);
        putSorted(out, qwords, qwordCount, false);
    }

    private static void putSorted(ByteSink out, long[] values, int n, boolean dedupe) {
        int distinct = 0;
        for (int i = 0; i < n; i++) if (!dedupe || i == 0 || values[i] != values[i - 1]) distinct++;
        out.putVarint(distinct);
        long previous = 0;
        for (int i = 0; i < n; i++) {
            if (dedupe && i > 0 && values[i] == values[i - 1]) continue;
            out.putVarint(values[i] - previous);
            previous = values[i];
        }
    }
}
