package dev.hindsight.tracer.effects;

/**
 * The pages holding instructions the tracker has decoded: a write that lands on one may have
 * changed code (self-modifying or JIT-generated), so cached decodes must be confirmed again.
 * An open-addressing set of page numbers; no allocation once grown.
 */
final class CodePages {
    private static final int PAGE_SHIFT = 12;
    private long[] slots = new long[256];
    private int count;

    CodePages() {
        java.util.Arrays.fill(slots, -1);
    }

    void add(long start, int length) {
        for (long page = start >>> PAGE_SHIFT; page <= (start + length - 1) >>> PAGE_SHIFT; page++) insert(page);
    }

    boolean overlaps(long start, int length) {
        for (long page = start >>> PAGE_SHIFT; page <= (start + length - 1) >>> PAGE_SHIFT; page++) {
            if (contains(page)) return true;
        }
        return false;
    }

    private boolean contains(long page) {
        int mask = slots.length - 1;
        for (int i = hash(page) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == page) return true;
            if (slots[i] == -1) return false;
        }
    }

    private void insert(long page) {
        if (contains(page)) return;
        if (++count * 2 > slots.length) grow();
        int mask = slots.length - 1;
        int i = hash(page) & mask;
        while (slots[i] != -1) i = (i + 1) & mask;
        slots[i] = page;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        java.util.Arrays.fill(slots, -1);
        int mask = slots.length - 1;
        for (long page : old) {
            if (page == -1) continue;
            int i = hash(page) & mask;
            while (slots[i] != -1) i = (i + 1) & mask;
            slots[i] = page;
        }
    }

    private static int hash(long page) {
        long h = page * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32);
    }
}
