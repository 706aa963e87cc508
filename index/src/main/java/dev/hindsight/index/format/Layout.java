package dev.hindsight.index.format;

/** File names and constants of the on-disk layout (described in the package documentation). */
public final class Layout {
    private Layout() {}

    /** Instructions per block: a registers-at-t query decodes one block (measured ~4096 is the knee). */
    public static final int BLOCK = Integer.getInteger("hindsight.index.block", 4096);
    /** Kernel-order registers (Registers.COUNT), and where rip sits (its own column). */
    public static final int REGS = 27, RIP = 16;
    /** Records per frame of the call and FP logs. */
    public static final int LOG_FRAME = 1024;

    public static final String BLOCKS = "blocks.bin", SUMMARY = "summary.bin", CALLS = "calls.bin", FP = "fp.bin",
            EVENTS = "events.bin", START = "start.bin", SHARD = "shard.bin", PCS = "pcs.bin", PAGES = "pages.bin";
    public static final String[] DATA_FILES = {BLOCKS, SUMMARY, CALLS, FP, EVENTS, START, PCS, PAGES};
    /** The magic inside shard.bin. */
    public static final String SHARD_MAGIC = "hindsight-index-shard";

    /** Bits of a write's length field: the low bit says the kernel wrote it (a syscall or signal). */
    public static int writeLength(int length, boolean kernel) { return length << 1 | (kernel ? 1 : 0); }

    /** A per-block write summary entry: the 8-byte word written, and which of its bytes. */
    public static long qwordEntry(long qword, int mask) { return qword << 8 | mask; }
}
