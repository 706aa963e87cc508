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
            EVENTS = "events.bin", START = "start.bin", SHARD = "shard.bin", PCS = "pcs.bin", PAGES = "pages.bin", READS = "reads.bin";
    /** Optional (not in {@link #DATA_FILES}: older indexes lack it): busy pages regrouped by word, see PageWordsFile. */
    public static final String PAGE_WORDS = "pagewords.bin";
    public static final String[] DATA_FILES = {BLOCKS, SUMMARY, CALLS, FP, EVENTS, START, PCS, PAGES, READS};

    /**
     * The key of a read posting: the 8-byte word read and which of its bytes (a mask), so a watch on
     * some bytes of a word is not hit by a read of its others. The keys of one word are contiguous.
     */
    public static long readKey(long word, int mask) { return word << 8 | mask; }
    /** The magic inside shard.bin. */
    public static final String SHARD_MAGIC = "hindsight-index-shard";

    /** Bits of a write's length field: the low bit says the kernel wrote it (a syscall or signal). */
    public static int writeLength(int length, boolean kernel) { return length << 1 | (kernel ? 1 : 0); }

    /** A per-block write summary entry: the 8-byte word written, and which of its bytes. */
    public static long qwordEntry(long qword, int mask) { return qword << 8 | mask; }
}
