package dev.hindsight.index;

import dev.hindsight.index.format.BlockSummary;
import dev.hindsight.index.format.ByteSource;
import dev.hindsight.index.format.CorruptIndexException;
import dev.hindsight.index.format.DecodedBlock;
import dev.hindsight.index.format.FrameReader;
import dev.hindsight.index.format.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One committed shard, in local times. Thread-safe (one lock per shard). */
final class ShardReader implements AutoCloseable {
    /** Memory that became visible before local time {@code from} (0: the start image). */
    record Image(long from, Region region) {}

    final long count;
    final long firstEvent;
    final Map<Integer, Integer> netDepth = new HashMap<>();
    final List<Syscall> syscalls = new ArrayList<>();
    final List<Output> outputs = new ArrayList<>();
    final List<SignalRecord> signals = new ArrayList<>();
    private final long[] startRegisters;
    private final byte[] startFxsave;
    private final int startTid;
    private final List<Image> images = new ArrayList<>();
    private final BlockSummary[] blocks;
    private final long[] blockStarts;
    private final long[] callFrameTimes, callFrameOffsets, fpFrameTimes, fpFrameOffsets;
    private final FrameReader blockFile, callFile, fpFile, pcFile, pageFile, readFile;
    private final dev.hindsight.index.format.PostingReader executionIndex, pageIndex, readIndex;
    /** The blocks that can hold a range's bytes at a time, from the page lists regrouped by word. */
    private final LastWriters lastWriters;
    /** The busy pages regrouped at build time (null: an index built before they were stored). */
    private final PageWordsFile pageWordsFile;
    private final Map<Integer, DecodedBlock> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, DecodedBlock> eldest) { return size() > 8; }
    };

    ShardReader(Path dir, String name) {
        ByteSource meta;
        try (FrameReader r = new FrameReader(dir.resolve(Layout.SHARD))) {
            meta = new ByteSource(r.read(0));
        }
        if (!meta.string().equals(Layout.SHARD_MAGIC)) throw new CorruptIndexException(name + " is not an index shard");
        count = meta.varint();
        meta.varint(); // call records
        int callFrames = meta.varintInt();
        callFrameTimes = new long[callFrames];
        callFrameOffsets = new long[callFrames];
        for (int i = 0; i < callFrames; i++) {
            callFrameTimes[i] = meta.varint();
            callFrameOffsets[i] = meta.varint();
        }
        meta.varint(); // fp records
        int fpFrames = meta.varintInt();
        fpFrameTimes = new long[fpFrames];
        fpFrameOffsets = new long[fpFrames];
        for (int i = 0; i < fpFrames; i++) {
            fpFrameTimes[i] = meta.varint();
            fpFrameOffsets[i] = meta.varint();
        }
        long pcDirectory = meta.varint(), pageDirectory = meta.varint(), readDirectory = meta.varint();
        int tids = meta.varintInt();
        for (int i = 0; i < tids; i++) netDepth.put(meta.varintInt(), (int) meta.signed());
        for (String f : Layout.DATA_FILES) {
            long expected = meta.varint();
            long actual;
            try {
                actual = Files.size(dir.resolve(f));
            } catch (IOException e) {
                throw new CorruptIndexException(name + "/" + f + " is missing");
            }
            if (actual != expected) throw new CorruptIndexException(name + "/" + f + " has " + actual + " bytes, not " + expected + " (truncated?)");
        }
        ByteSource start;
        try (FrameReader r = new FrameReader(dir.resolve(Layout.START))) {
            start = new ByteSource(r.read(0));
        }
        firstEvent = start.varint();
        startTid = start.varintInt();
        startRegisters = new long[Layout.REGS];
        for (int i = 0; i < Layout.REGS; i++) startRegisters[i] = start.getLong();
        byte[] fx = start.bytes();
        startFxsave = fx.length == 0 ? null : fx;
        int regions = start.varintInt();
        for (int i = 0; i < regions; i++) images.add(new Image(0, region(start)));
        try (FrameReader r = new FrameReader(dir.resolve(Layout.EVENTS))) {
            for (byte[] frame : r.readAll()) readEvents(new ByteSource(frame));
        }
        try (FrameReader r = new FrameReader(dir.resolve(Layout.SUMMARY))) {
            blocks = r.readAll().stream().map(BlockSummary::decode).toArray(BlockSummary[]::new);
        }
        blockStarts = new long[blocks.length];
        long expected = 0;
        for (int b = 0; b < blocks.length; b++) {
            if (blocks[b].start() != expected) throw new CorruptIndexException(name + " has a gap between its blocks");
            blockStarts[b] = expected;
            expected += blocks[b].count();
        }
        if (expected != count) throw new CorruptIndexException(name + " holds " + expected + " instructions, not " + count);
        images.sort(java.util.Comparator.comparingLong(Image::from));
        pageWordsFile = PageWordsFile.open(dir.resolve(Layout.PAGE_WORDS)); // first: refused, it leaves no file open
        blockFile = new FrameReader(dir.resolve(Layout.BLOCKS));
        callFile = new FrameReader(dir.resolve(Layout.CALLS));
        fpFile = new FrameReader(dir.resolve(Layout.FP));
        pcFile = new FrameReader(dir.resolve(Layout.PCS));
        executionIndex = new dev.hindsight.index.format.PostingReader(pcFile, pcDirectory);
        pageFile = new FrameReader(dir.resolve(Layout.PAGES));
        pageIndex = new dev.hindsight.index.format.PostingReader(pageFile, pageDirectory);
        readFile = new FrameReader(dir.resolve(Layout.READS));
        readIndex = new dev.hindsight.index.format.PostingReader(readFile, readDirectory);
        lastWriters = new LastWriters(pageIndex, blocks, pageWordsFile);
    }

    private static Region region(ByteSource s) {
        long start = s.varint();
        String perms = s.string(), name = s.string();
        return new Region(start, s.bytes(), perms, name);
    }

    private void readEvents(ByteSource s) {
        while (s.hasMore()) {
            int type = s.get();
            long time = s.varint();
            switch (type) {
                case 1 -> {
                    long number = s.varint();
                    long[] args = new long[s.varintInt()];
                    for (int i = 0; i < args.length; i++) args[i] = s.getLong();
                    syscalls.add(new Syscall(time, number, args, s.getLong()));
                }
                case 2 -> outputs.add(new Output(time, s.varintInt(), s.bytes()));
                case 3 -> signals.add(new SignalRecord(time, s.varintInt()));
                case 4 -> images.add(new Image(time, region(s)));
                default -> throw new CorruptIndexException("an unknown event type " + type);
            }
        }
    }

    private synchronized DecodedBlock block(int b) {
        DecodedBlock d = cache.get(b);
        if (d == null) {
            d = new DecodedBlock(blockFile.read(blocks[b].offset()));
            if (d.start != blocks[b].start() || d.count != blocks[b].count()) throw new CorruptIndexException("a block is not where its summary says");
            cache.put(b, d);
        }
        return d;
    }

    private int blockOf(long t) {
        int i = java.util.Arrays.binarySearch(blockStarts, t);
        return i >= 0 ? i : -i - 2;
    }

    long[] registersAt(long t) {
        if (count == 0) return startRegisters.clone();
        int b = blockOf(t);
        return block(b).registers((int) (t - blocks[b].start()));
    }

    int tidAt(long t) {
        if (count == 0) return startTid;
        int b = blockOf(t);
        return block(b).tids[(int) (t - blocks[b].start())];
    }

    StepKind kindAt(long t) {
        int b = blockOf(t);
        return StepKind.values()[block(b).kinds[(int) (t - blocks[b].start())]];
    }

    /**
     * Memory [address, address+length) before local time t: the latest write before t to each
     * byte, else the latest image visible by t. Walks the blocks that wrote the range's pages (pages.bin) backwards, decoding only those whose
     * summary says they wrote a byte still unknown (bytes already {@code known} are left alone).
     * {@code origin[i]} gets the writing instruction's local time, -1 for the start image, -2 for
     * a region mapped later; {@code known[i]} stays false where nothing is known.
     */
    byte[] resolve(long t, long address, int length, boolean[] known, long[] origin, List<Write> writes) {
        byte[] out = new byte[length];
        int unknown = 0;
        for (boolean k : known) if (!k) unknown++;
        int[] left = {unknown};
        int image = images.size() - 1;
        while (image >= 0 && images.get(image).from() > t) image--;
        int last = count == 0 || t == 0 ? -1 : blockOf(t - 1);
        // Only the blocks that wrote one of the range's pages can hold its bytes; of those, only
        // the last writer of each byte (and the one before it, when that is the block of t) can.
        long[] candidates = last < 0 ? new long[0] : lastWriters.of(address, length, known, last);
        for (int c = candidates.length - 1; c >= 0 && left[0] > 0; c--) {
            int b = (int) candidates[c];
            if (b > last || c + 1 < candidates.length && candidates[c + 1] == b) continue;
            BlockSummary s = blocks[b];
            long hi = Math.min(s.end(), t);
            while (image >= 0 && images.get(image).from() > hi) applyImage(images.get(image--), address, out, known, origin, left);
            if (!needs(s, address, known)) continue;
            DecodedBlock d = block(b);
            for (long i = hi - 1; i >= s.start() && left[0] > 0; i--) {
                int k = (int) (i - s.start());
                for (int w = d.writeFirst[k + 1] - 1; w >= d.writeFirst[k]; w--) {
                    int before = left[0];
                    apply(d.writeAddress[w], d.data, d.writeOffset[w], d.writeLength[w], i, address, out, known, origin, left);
                    if (writes != null && left[0] != before) {
                        writes.add(new Write(i, d.writeAddress[w], java.util.Arrays.copyOfRange(d.data, d.writeOffset[w],
                                d.writeOffset[w] + d.writeLength[w]), d.writeKernel[w]));
                    }
                }
                while (image >= 0 && images.get(image).from() == i + 1) applyImage(images.get(image--), address, out, known, origin, left);
            }
        }
        while (image >= 0 && left[0] > 0) applyImage(images.get(image--), address, out, known, origin, left);
        return out;
    }

    private static boolean needs(BlockSummary s, long address, boolean[] known) {
        long end = address + known.length;
        for (long q = address >>> 3; q << 3 < end; q++) {
            int written = s.writtenMask(q);
            if (written == 0) continue;
            for (int bit = 0; bit < 8; bit++) {
                long a = (q << 3) + bit;
                if ((written & (1 << bit)) != 0 && a >= address && a < end && !known[(int) (a - address)]) return true;
            }
        }
        return false;
    }

    private static void applyImage(Image image, long address, byte[] out, boolean[] known, long[] origin, int[] left) {
        Region r = image.region();
        apply(r.start(), r.bytes(), 0, r.bytes().length, image.from() == 0 ? -1 : -2, address, out, known, origin, left);
    }

    private static void apply(long at, byte[] data, int offset, int length, long time, long address, byte[] out,
                              boolean[] known, long[] origin, int[] left) {
        long lo = Math.max(at, address), hi = Math.min(at + length, address + out.length);
        for (long a = lo; a < hi; a++) {
            int j = (int) (a - address);
            if (known[j]) continue;
            known[j] = true;
            out[j] = data[offset + (int) (a - at)];
            origin[j] = time;
            left[0]--;
        }
    }

    /** Writes overlapping [address, end) by instructions in [from, to), in time order. */
    void writes(long address, long end, long from, long to, long offset, List<Write> out) {
        long[] candidates = pageIndex.times(address >>> 12, ((end - 1) >>> 12) + 1, Math.max(0, blockOf(from)), Integer.MAX_VALUE);
        for (int c = 0; c < candidates.length && blocks[(int) candidates[c]].start() < to; c++) {
            int b = (int) candidates[c];
            if (c > 0 && candidates[c - 1] == b) continue;
            BlockSummary s = blocks[b];
            if (s.end() <= from || !s.wrote(address, end)) continue;
            DecodedBlock d = block(b);
            for (long i = Math.max(from, s.start()); i < Math.min(to, s.end()); i++) {
                int k = (int) (i - s.start());
                for (int w = d.writeFirst[k]; w < d.writeFirst[k + 1]; w++) {
                    long a = d.writeAddress[w];
                    if (a < end && a + d.writeLength[w] > address) {
                        out.add(new Write(offset + i, a, java.util.Arrays.copyOfRange(d.data, d.writeOffset[w],
                                d.writeOffset[w] + d.writeLength[w]), d.writeKernel[w]));
                    }
                }
            }
        }
    }

    /** Times in [from, count) of instructions with a pc in [low, high), at most {@code limit}. */
    long[] executions(long low, long high, long from, int limit) {
        return executionIndex.times(low, high, from, limit);
    }

    /** How many times the given pcs ran (the posting directory alone). */
    long executionCount(long[] pcs) {
        return executionIndex.count(executionIndex.lists(pcs));
    }

    /** How many times the given pcs ran before local time t. */
    long executionsBefore(long[] pcs, long t) {
        return executionIndex.rank(executionIndex.lists(pcs), t);
    }

    /** The executions of the given pcs in time order from the {@code skip}-th on, at most {@code limit} (local times). */
    long[] executionPage(long[] pcs, long skip, int limit) {
        return executionIndex.page(executionIndex.lists(pcs), skip, limit);
    }

    /** The latest local time before t (≤ count) whose pc is in [low, high), or -1: each pc's posting list entered by its skip table. */
    long lastExecutionBefore(long low, long high, long t) {
        if (t <= 0) return -1;
        return executionIndex.lastBefore(executionIndex.lists(low, high), t);
    }

    /** The earliest local time ≥ t whose pc is in [low, high), or -1; as {@link #lastExecutionBefore}. */
    long firstExecutionFrom(long low, long high, long t) {
        if (t >= count) return -1;
        return executionIndex.firstFrom(executionIndex.lists(low, high), Math.max(0, t));
    }

    /** The read postings of the words of [address, end) whose byte masks overlap the range. */
    private int[] readLists(long address, long end) {
        long first = address >>> 3, last = (end - 1) >>> 3;
        int[] all = readIndex.lists(Layout.readKey(first, 0), Layout.readKey(last + 1, 0));
        return java.util.Arrays.stream(all).filter(i -> {
            long key = readIndex.key(i), word = key >>> 8;
            int mask = (int) (key & 0xff);
            for (int bit = 0; bit < 8; bit++) {
                long a = (word << 3) + bit;
                if ((mask & 1 << bit) != 0 && a >= address && a < end) return true;
            }
            return false;
        }).toArray();
    }

    /** The latest local time < t of an instruction that read a byte of [address, end), or -1. */
    long lastReadBefore(long address, long end, long t) {
        if (t <= 0 || count == 0) return -1;
        return readIndex.lastBefore(readLists(address, end), t);
    }

    /** The earliest local time ≥ t of an instruction that read a byte of [address, end), or -1. */
    long firstReadFrom(long address, long end, long t) {
        if (t >= count) return -1;
        return readIndex.firstFrom(readLists(address, end), Math.max(0, t));
    }

    /**
     * The latest write overlapping [address, end) by an instruction at local time < t, or null
     * (local time). Only the blocks that wrote one of the range's pages (pages.bin, a block index
     * per entry) are looked at, latest first; each one's summary says whether it wrote a byte of
     * the range, and the first that did is the only one decoded.
     */
    Write lastWriteBefore(long address, long end, long t) {
        if (t <= 0 || count == 0) return null;
        long[] candidates = pageIndex.times(address >>> 12, ((end - 1) >>> 12) + 1, 0, Integer.MAX_VALUE);
        int last = blockOf(Math.min(t, count) - 1);
        for (int c = candidates.length - 1; c >= 0; c--) {
            int b = (int) candidates[c];
            if (b > last || c + 1 < candidates.length && candidates[c + 1] == b) continue;
            BlockSummary s = blocks[b];
            if (!s.wrote(address, end)) continue;
            DecodedBlock d = block(b);
            for (long i = Math.min(t, s.end()) - 1; i >= s.start(); i--) {
                int k = (int) (i - s.start());
                for (int w = d.writeFirst[k + 1] - 1; w >= d.writeFirst[k]; w--) {
                    if (d.writeAddress[w] < end && d.writeAddress[w] + d.writeLength[w] > address) return write(d, i, w);
                }
            }
        }
        return null;
    }

    /** The earliest write overlapping [address, end) at local time ≥ t, or null; as {@link #lastWriteBefore}. */
    Write firstWriteFrom(long address, long end, long t) {
        if (t >= count) return null;
        int first = blockOf(Math.max(0, t));
        long[] candidates = pageIndex.times(address >>> 12, ((end - 1) >>> 12) + 1, first, Integer.MAX_VALUE);
        for (int c = 0; c < candidates.length; c++) {
            int b = (int) candidates[c];
            if (c > 0 && candidates[c - 1] == b) continue;
            BlockSummary s = blocks[b];
            if (!s.wrote(address, end)) continue;
            DecodedBlock d = block(b);
            for (long i = Math.max(t, s.start()); i < s.end(); i++) {
                int k = (int) (i - s.start());
                for (int w = d.writeFirst[k]; w < d.writeFirst[k + 1]; w++) {
                    if (d.writeAddress[w] < end && d.writeAddress[w] + d.writeLength[w] > address) return write(d, i, w);
                }
            }
        }
        return null;
    }

    /**
     * The latest local time in [earliest, t) run by thread {@code tid} (-1: any) whose pc passes
     * {@code pcs}, or -1. Blocks none of whose distinct pcs pass are skipped from their summary.
     */
    long lastExecutionMatching(java.util.function.LongPredicate pcs, int tid, long t, long earliest) {
        if (t <= 0 || count == 0) return -1;
        for (int b = blockOf(Math.min(t, count) - 1); b >= 0 && blocks[b].end() > earliest; b--) {
            BlockSummary s = blocks[b];
            boolean any = false;
            for (long pc : s.pcs()) if (pcs.test(pc)) { any = true; break; }
            if (!any) continue;
            DecodedBlock d = block(b);
            for (long i = Math.min(t, s.end()) - 1; i >= Math.max(s.start(), earliest); i--) {
                int k = (int) (i - s.start());
                if ((tid == -1 || d.tids[k] == tid) && pcs.test(d.pcs[k])) return i;
            }
        }
        return -1;
    }

    /** The image (start image: from 0; a mapping: its local time) holding {@code address} at local time t, or null. */
    Image imageAt(long t, long address) {
        for (int i = images.size() - 1; i >= 0; i--) {
            Image m = images.get(i);
            if (m.from() <= t && address >= m.region().start() && address < m.region().end()) return m;
        }
        return null;
    }

    private static Write write(DecodedBlock d, long time, int w) {
        return new Write(time, d.writeAddress[w], java.util.Arrays.copyOfRange(d.data, d.writeOffset[w], d.writeOffset[w] + d.writeLength[w]),
                d.writeKernel[w]);
    }

    long pcAt(long t) {
        int b = blockOf(t);
        return block(b).pcs[(int) (t - blocks[b].start())];
    }

    /** Calls and returns in [from, to) (local), with the thread depths offset by {@code baseDepth}. */
    void calls(long from, long to, long offset, Map<Integer, Integer> baseDepth, List<CallRecord> out, ShardReader next) {
        int f = java.util.Arrays.binarySearch(callFrameTimes, from);
        for (int i = Math.max(0, f >= 0 ? f : -f - 2); i < callFrameTimes.length && callFrameTimes[i] < to; i++) {
            ByteSource s = new ByteSource(callFile.read(callFrameOffsets[i]));
            long time = 0, pc = 0;
            while (s.hasMore()) {
                time += s.varint();
                int tid = s.varintInt();
                StepKind kind = StepKind.values()[s.get()];
                pc += s.signed();
                long target = pc + s.signed();
                int depth = (int) s.signed();
                if (time < from || time >= to) continue;
                if (target == -1) target = time + 1 < count ? pcAt(time + 1) : next != null && next.count > 0 ? next.pcAt(0) : -1;
                out.add(new CallRecord(offset + time, tid, kind, pc, target, depth + baseDepth.getOrDefault(tid, 0)));
            }
        }
    }

    /** The fxsave image in force at local time t, or null when none was ever given. */
    byte[] fxsaveAt(long t) {
        int f = java.util.Arrays.binarySearch(fpFrameTimes, t);
        f = f >= 0 ? f : -f - 2;
        if (f < 0) return startFxsave == null ? null : startFxsave.clone();
        ByteSource s = new ByteSource(fpFile.read(fpFrameOffsets[f]));
        byte[] image = new byte[512];
        long time = 0;
        while (s.hasMore()) {
            long next = time + s.varint();
            if (next > t) break;
            time = next;
            byte[] x = s.bytes(512);
            for (int i = 0; i < 512; i++) image[i] ^= x[i];
        }
        return image;
    }

    @Override
    public void close() {
        blockFile.close();
        callFile.close();
        fpFile.close();
        pcFile.close();
        pageFile.close();
        readFile.close();
        if (pageWordsFile != null) pageWordsFile.close();
    }
}
