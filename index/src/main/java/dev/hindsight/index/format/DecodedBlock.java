package dev.hindsight.index.format;

/**
 * One block decoded into arrays (pcs, threads, kinds, writes); registers are rebuilt on demand
 * from the block's base registers and the change columns.
 */
public final class DecodedBlock {
    public final long start;
    public final int count;
    public final long[] pcs;
    public final int[] tids;
    public final byte[] kinds;
    /** Writes of instruction i are [writeFirst[i], writeFirst[i+1]). */
    public final int[] writeFirst;
    public final long[] writeAddress;
    public final int[] writeLength, writeOffset;
    public final boolean[] writeKernel;
    /** The raw block: write bytes are at writeOffset[w] in it. */
    public final byte[] data;
    private final long[] base;
    private final int masksAt, masksEnd, valuesAt;

    public DecodedBlock(byte[] raw) {
        data = raw;
        ByteSource s = new ByteSource(raw);
        start = s.varint();
        count = s.varintInt();
        base = new long[Layout.REGS];
        for (int r = 0; r < Layout.REGS; r++) base[r] = s.getLong();
        int[] at = new int[9], end = new int[9];
        for (int c = 0; c < 9; c++) {
            int n = s.varintInt();
            at[c] = s.position();
            s.skip(n);
            end[c] = s.position();
        }
        masksAt = at[2];
        masksEnd = end[2];
        valuesAt = at[3];
        pcs = new long[count];
        tids = new int[count];
        kinds = new byte[count];
        writeFirst = new int[count + 1];
        ByteSource tid = new ByteSource(raw, at[0], end[0]), pc = new ByteSource(raw, at[1], end[1]),
                counts = new ByteSource(raw, at[5], end[5]);
        long p = base[Layout.RIP];
        int t = 0, writes = 0;
        for (int i = 0; i < count; i++) {
            tids[i] = t += (int) tid.signed();
            pcs[i] = p += pc.signed();
            kinds[i] = raw[at[4] + i];
            writeFirst[i] = writes;
            writes += counts.varintInt();
        }
        writeFirst[count] = writes;
        writeAddress = new long[writes];
        writeLength = new int[writes];
        writeOffset = new int[writes];
        writeKernel = new boolean[writes];
        ByteSource address = new ByteSource(raw, at[6], end[6]), length = new ByteSource(raw, at[7], end[7]);
        long a = base[19];
        int offset = at[8];
        for (int w = 0; w < writes; w++) {
            writeAddress[w] = a += address.signed();
            int l = length.varintInt();
            writeLength[w] = l >>> 1;
            writeKernel[w] = (l & 1) != 0;
            writeOffset[w] = offset;
            offset += l >>> 1;
        }
        if (offset != end[8]) throw new CorruptIndexException("a block's write bytes do not add up");
    }

    /**
     * Where the last {@link #registers} call stopped decoding (the deltas of instructions up to
     * {@code next} applied; an immutable snapshot, so threads sharing a cached block may race
     * only to replace it). A later instruction resumes from here: a forward scan decodes each
     * instruction's deltas once instead of again from the block's start (quadratic per block).
     */
    private record Resume(int next, long[] regs, int masksAt, int valuesAt) {}

    private volatile Resume resume;

    /** Registers before instruction {@code i} of the block (kernel order). */
    public long[] registers(int i) {
        Resume r = resume;
        boolean ahead = r != null && r.next() <= i;
        long[] regs = ahead ? r.regs().clone() : base.clone();
        ByteSource masks = new ByteSource(data, ahead ? r.masksAt() : masksAt, masksEnd),
                values = new ByteSource(data, ahead ? r.valuesAt() : valuesAt, data.length);
        for (int k = ahead ? r.next() : 0; k <= i; k++) {
            long mask = masks.varint();
            for (long m = mask; m != 0; m &= m - 1) regs[Long.numberOfTrailingZeros(m)] += values.signed();
        }
        resume = new Resume(i + 1, regs.clone(), masks.position(), values.position());
        regs[Layout.RIP] = pcs[i];
        return regs;
    }
}
