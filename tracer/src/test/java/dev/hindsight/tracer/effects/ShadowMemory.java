package dev.hindsight.tracer.effects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The oracle: a copy of every writable mapping of the tracee (stack, heap, .data/.bss, libraries'
 * data), kept up to date only by applying the writes the tracker reports. Wherever the real
 * memory differs from the copy, a byte changed that no reported write covers (or a reported value
 * was wrong). A system call's kernel writes are not the tracker's business: after one, the copy
 * is taken afresh.
 */
final class ShadowMemory {
    private final ProcMemory memory;
    private final Path maps;
    private TreeMap<Long, byte[]> regions = new TreeMap<>();
    private String mapsText = "";

    ShadowMemory(int pid, ProcMemory memory) {
        this.memory = memory;
        this.maps = Path.of("/proc/" + pid + "/maps");
    }

    /** Takes a fresh copy of all writable memory (after a system call). */
    void resync() {
        mapsText = readMaps();
        TreeMap<Long, byte[]> fresh = new TreeMap<>();
        for (long[] r : writable(mapsText)) fresh.put(r[0], memory.readFully(r[0], (int) (r[1] - r[0])));
        regions = fresh;
    }

    /**
     * Picks up mappings that appeared without a system call, which on Linux is the stack growing
     * on a fault: the kernel hands out zeroed pages, so new bytes start as zero in the copy.
     * @return whether the map changed
     */
    boolean followStackGrowth() {
        String now = readMaps();
        if (now.equals(mapsText)) return false;
        mapsText = now;
        TreeMap<Long, byte[]> grown = new TreeMap<>();
        for (long[] r : writable(now)) {
            byte[] copy = new byte[(int) (r[1] - r[0])];
            for (Map.Entry<Long, byte[]> old : regions.entrySet()) {
                long from = Math.max(old.getKey(), r[0]), to = Math.min(old.getKey() + old.getValue().length, r[1]);
                if (from < to) System.arraycopy(old.getValue(), (int) (from - old.getKey()), copy, (int) (from - r[0]), (int) (to - from));
            }
            grown.put(r[0], copy);
        }
        regions = grown;
        return true;
    }

    /** Applies a reported write; false when it lies outside the writable memory. */
    boolean apply(MemoryWrite w) {
        if (!inside(w.address(), w.size()) && !(followStackGrowth() && inside(w.address(), w.size()))) return false;
        Map.Entry<Long, byte[]> e = regions.floorEntry(w.address());
        System.arraycopy(w.bytes(), 0, e.getValue(), (int) (w.address() - e.getKey()), w.size());
        return true;
    }

    /** The first address in [start, start+length) where memory and copy differ, or -1 (parts outside the copy are skipped). */
    long firstDifference(long start, int length) {
        for (Map.Entry<Long, byte[]> e : regions.entrySet()) {
            long from = Math.max(e.getKey(), start), to = Math.min(e.getKey() + e.getValue().length, start + length);
            if (from >= to) continue;
            long d = compare(e.getKey(), e.getValue(), from, (int) (to - from));
            if (d >= 0) return d;
        }
        return -1;
    }

    /** The first address anywhere in writable memory where memory and copy differ, or -1. */
    long firstDifference() {
        followStackGrowth();
        for (Map.Entry<Long, byte[]> e : regions.entrySet()) {
            long d = compare(e.getKey(), e.getValue(), e.getKey(), e.getValue().length);
            if (d >= 0) return d;
        }
        return -1;
    }

    byte shadowByte(long address) {
        Map.Entry<Long, byte[]> e = regions.floorEntry(address);
        return e.getValue()[(int) (address - e.getKey())];
    }

    private long compare(long regionStart, byte[] shadow, long from, int length) {
        byte[] real = memory.readFully(from, length);
        int off = (int) (from - regionStart);
        int at = java.util.Arrays.mismatch(real, 0, length, shadow, off, off + length);
        return at < 0 ? -1 : from + at;
    }

    private boolean inside(long address, int size) {
        Map.Entry<Long, byte[]> e = regions.floorEntry(address);
        return e != null && address + size <= e.getKey() + e.getValue().length;
    }

    private String readMaps() {
        try {
            return Files.readString(maps);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** [start, end) of each writable mapping; the vsyscall page is not memory the program writes. */
    private static java.util.List<long[]> writable(String maps) {
        java.util.List<long[]> out = new java.util.ArrayList<>();
        for (String line : maps.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 5 || f[1].charAt(1) != 'w' || line.contains("[vsyscall]") || line.contains("[vvar]")) continue;
            String[] range = f[0].split("-");
            out.add(new long[] {Long.parseUnsignedLong(range[0], 16), Long.parseUnsignedLong(range[1], 16)});
        }
        return out;
    }
}
