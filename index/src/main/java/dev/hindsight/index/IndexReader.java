package dev.hindsight.index;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A committed index, queried in global times (instruction t of the run = time t; the state at t
 * is before instruction t runs). Thread-safe. {@link #open} refuses a missing, half-written,
 * corrupt or newer-format index with an {@link IndexException} that says which and what to do.
 */
public final class IndexReader implements AutoCloseable {
    private final ShardReader[] shards;
    private final long[] offsets;
    private final long count;

    private IndexReader(ShardReader[] shards, long[] offsets, long count) {
        this.shards = shards;
        this.offsets = offsets;
        this.count = count;
    }

    public static IndexReader open(Path traceDir) {
        Path dir = IndexStore.indexDir(traceDir);
        Path manifest = dir.resolve(IndexStore.MANIFEST);
        if (!Files.isDirectory(dir)) {
            if (Files.isDirectory(IndexStore.stagingDir(traceDir))) {
                throw new IndexException("the index of " + traceDir + " is incomplete (its build was interrupted): run `hindsight build " + traceDir + "` again");
            }
            throw new IndexException(traceDir + " has no index: run `hindsight build " + traceDir + "` first");
        }
        if (!Files.isRegularFile(manifest)) throw new IndexException("the index of " + traceDir + " has no manifest (half written): run `hindsight build " + traceDir + "` again");
        Properties p = manifest(manifest);
        if (!IndexStore.FORMAT.equals(p.getProperty("format"))) throw new IndexException(manifest + " is not a Hindsight index manifest");
        int version = integer(p, "version");
        if (version > IndexStore.VERSION) {
            throw new IndexException("the index of " + traceDir + " has format version " + version + ", newer than this Hindsight reads ("
                    + IndexStore.VERSION + "): use a newer Hindsight or rebuild it with this one");
        }
        if (version < IndexStore.VERSION) { // its posting lists have no skip blocks: never read them as if they had
            throw new IndexException("the index of " + traceDir + " has format version " + version + ", older than this Hindsight reads ("
                    + IndexStore.VERSION + "): rebuild it with `hindsight build " + traceDir + "`");
        }
        int n = integer(p, "shards");
        ShardReader[] shards = new ShardReader[n];
        long[] offsets = new long[n];
        long total = 0;
        try {
            for (int k = 0; k < n; k++) {
                Path shardDir = dir.resolve(IndexStore.shardName(k));
                Path meta = shardDir.resolve(dev.hindsight.index.format.Layout.SHARD);
                if (!Files.isRegularFile(meta) || Files.size(meta) != number(p, "shard." + k + ".meta")) {
                    throw new dev.hindsight.index.format.CorruptIndexException("shard " + k + " is missing or not the one the manifest names");
                }
                shards[k] = new ShardReader(shardDir, IndexStore.shardName(k));
                if (shards[k].count != number(p, "shard." + k + ".count") || number(p, "shard." + k + ".offset") != total) {
                    throw new dev.hindsight.index.format.CorruptIndexException("shard " + k + " does not match the manifest");
                }
                offsets[k] = total;
                total += shards[k].count;
            }
        } catch (IOException e) {
            throw new IndexException("cannot read the index of " + traceDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            for (ShardReader s : shards) if (s != null) s.close();
            throw e;
        }
        return new IndexReader(shards, offsets, total);
    }

    private static Properties manifest(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int crcAt = text.lastIndexOf("crc=");
            if (crcAt < 0 || !text.substring(crcAt + 4).trim().equals(IndexStore.crc(text.substring(0, crcAt)))) {
                throw new dev.hindsight.index.format.CorruptIndexException("its manifest fails its checksum");
            }
            Properties p = new Properties();
            p.load(new StringReader(text));
            return p;
        } catch (IOException e) {
            throw new IndexException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static long number(Properties p, String key) {
        try {
            return Long.parseLong(p.getProperty(key, ""));
        } catch (NumberFormatException e) {
            throw new dev.hindsight.index.format.CorruptIndexException("its manifest lacks " + key);
        }
    }

    private static int integer(Properties p, String key) { return (int) number(p, key); }

    /** Instructions in the run; valid times are [0, instructionCount()). */
    public long instructionCount() { return count; }

    public int shardCount() { return shards.length; }

    /** The global time of shard k's first instruction, and the trace event index it starts at. */
    public long shardStart(int k) { return offsets[k]; }

    public long shardFirstEvent(int k) { return shards[k].firstEvent; }

    private int shardOf(long time) {
        if (time < 0 || time >= count) throw new IllegalArgumentException("time " + time + " is outside the run [0, " + count + ")");
        int i = java.util.Arrays.binarySearch(offsets, time);
        if (i < 0) i = -i - 2;
        while (i + 1 < offsets.length && offsets[i + 1] == time) i++; // skip empty shards
        return i;
    }

    /** The registers (kernel order, 27 longs) before instruction {@code time}; rip is its pc. */
    public long[] registersAt(long time) {
        int k = shardOf(time);
        return shards[k].registersAt(time - offsets[k]);
    }

    public long pcAt(long time) {
        int k = shardOf(time);
        return shards[k].pcAt(time - offsets[k]);
    }

    /** The thread that runs instruction {@code time}. */
    public int threadAt(long time) {
        int k = shardOf(time);
        return shards[k].tidAt(time - offsets[k]);
    }

    public StepKind kindAt(long time) {
        int k = shardOf(time);
        return shards[k].kindAt(time - offsets[k]);
    }

    /** The fxsave image (512 bytes) in force before instruction {@code time}; null if never recorded. */
    public byte[] fxsaveAt(long time) {
        int k = shardOf(time);
        return shards[k].fxsaveAt(time - offsets[k]);
    }

    /**
     * Memory before instruction {@code time}: up to {@code length} bytes from {@code address},
     * shorter where nothing is known (not mapped), as {@code Backend.readMemory} answers.
     */
    public byte[] memoryAt(long time, long address, int length) {
        int k = shardOf(time);
        boolean[] known = new boolean[length];
        byte[] bytes = shards[k].resolve(time - offsets[k], address, length, known, new long[length], null);
        int n = 0;
        while (n < length && known[n]) n++;
        return n == length ? bytes : java.util.Arrays.copyOf(bytes, n);
    }

    /**
     * The writes that produced the bytes [address, address+length) as they are before
     * {@code time} ("where did this value come from"), latest first, one per write; bytes that
     * come from the run's initial memory or a mapping have none.
     */
    public List<Write> lastWrites(long time, long address, int length) {
        List<Write> out = new ArrayList<>();
        boolean[] settled = new boolean[length];
        long local = time - offsets[shardOf(time)];
        for (int k = shardOf(time); k >= 0; k--) {
            boolean[] known = settled.clone();
            long[] origin = new long[length];
            List<Write> found = new ArrayList<>();
            shards[k].resolve(local, address, length, known, origin, found);
            for (Write w : found) out.add(new Write(w.time() + offsets[k], w.address(), w.bytes(), w.kernel()));
            boolean more = false;
            for (int i = 0; i < length; i++) {
                if (settled[i]) continue;
                // A byte from shard k's start image was made by an earlier shard: ask that one.
                settled[i] = !known[i] || origin[i] != -1;
                more |= !settled[i];
            }
            if (!more || k == 0) break;
            local = shards[k - 1].count;
        }
        return out;
    }

    /** Every write overlapping [address, address+length) by instructions in [fromTime, toTime), in time order. */
    public List<Write> writesTo(long address, int length, long fromTime, long toTime) {
        List<Write> out = new ArrayList<>();
        for (int k = 0; k < shards.length; k++) {
            long from = Math.max(fromTime, offsets[k]) - offsets[k], to = Math.min(toTime, offsets[k] + shards[k].count) - offsets[k];
            if (from < to) shards[k].writes(address, address + length, from, to, offsets[k], out);
        }
        return out;
    }

    /** Times ≥ {@code fromTime} (ascending, at most {@code limit}) of instructions whose pc is in [pcLow, pcHigh). */
    public long[] executionsOf(long pcLow, long pcHigh, long fromTime, int limit) {
        long[] out = new long[0];
        int n = 0;
        for (int k = 0; k < shards.length && n < limit; k++) {
            long from = Math.max(fromTime, offsets[k]) - offsets[k];
            if (from >= shards[k].count) continue;
            long[] local = shards[k].executions(pcLow, pcHigh, from, limit - n);
            out = java.util.Arrays.copyOf(out, n + local.length);
            for (long t : local) out[n++] = t + offsets[k];
        }
        return out;
    }

    /** How many times instructions at the given addresses ran (from the posting directories: nothing decoded). */
    public long executionCount(long[] pcs) {
        long n = 0;
        for (ShardReader s : shards) n += s.executionCount(pcs);
        return n;
    }

    /** How many times instructions at the given addresses ran before {@code time}. */
    public long executionsBefore(long[] pcs, long time) {
        long n = 0;
        for (int k = 0; k < shards.length && offsets[k] < time; k++) n += shards[k].executionsBefore(pcs, Math.min(time - offsets[k], shards[k].count));
        return n;
    }

    /**
     * A page of the executions of the given addresses: their times in order from the {@code
     * start}-th execution (0-based) on, at most {@code limit}. Costs a few skip blocks per
     * address, however often they ran (see {@code PostingWriter}).
     */
    public long[] executionPage(long[] pcs, long start, int limit) {
        long[] out = new long[0];
        int n = 0;
        for (int k = 0; k < shards.length && n < limit; k++) {
            long here = shards[k].executionCount(pcs);
            if (start >= here) {
                start -= here;
                continue;
            }
            long[] local = shards[k].executionPage(pcs, start, limit - n);
            start = 0;
            out = java.util.Arrays.copyOf(out, n + local.length);
            for (long t : local) out[n++] = t + offsets[k];
        }
        return out;
    }

    /** The largest t' < {@code time} whose pc is in [pcLow, pcHigh), or -1; enters each pc's posting list by its skip table. */
    public long lastExecutionBefore(long pcLow, long pcHigh, long time) {
        for (int k = shards.length - 1; k >= 0; k--) {
            if (offsets[k] >= time) continue;
            long t = shards[k].lastExecutionBefore(pcLow, pcHigh, Math.min(time - offsets[k], shards[k].count));
            if (t >= 0) return t + offsets[k];
        }
        return -1;
    }

    /** The smallest t' ≥ {@code time} whose pc is in [pcLow, pcHigh), or -1. */
    public long firstExecutionFrom(long pcLow, long pcHigh, long time) {
        for (int k = 0; k < shards.length; k++) {
            if (offsets[k] + shards[k].count <= time) continue;
            long t = shards[k].firstExecutionFrom(pcLow, pcHigh, Math.max(0, time - offsets[k]));
            if (t >= 0) return t + offsets[k];
        }
        return -1;
    }

    /**
     * The latest write (an instruction's or the kernel's during it) overlapping [address,
     * address+length) by an instruction at a time < {@code time}, or null. Of one instruction's
     * writes, its last overlapping one.
     */
    public Write lastWriteBefore(long address, int length, long time) {
        if (length <= 0) return null;
        for (int k = shards.length - 1; k >= 0; k--) {
            if (offsets[k] >= time) continue;
            Write w = shards[k].lastWriteBefore(address, address + length, Math.min(time - offsets[k], shards[k].count));
            if (w != null) return global(w, k);
        }
        return null;
    }

    /** The earliest write overlapping the range by an instruction at a time ≥ {@code time}, or null; of one instruction's, its first. */
    public Write firstWriteFrom(long address, int length, long time) {
        if (length <= 0) return null;
        for (int k = 0; k < shards.length; k++) {
            if (offsets[k] + shards[k].count <= time) continue;
            Write w = shards[k].firstWriteFrom(address, address + length, Math.max(0, time - offsets[k]));
            if (w != null) return global(w, k);
        }
        return null;
    }

    /** The latest time < {@code time} of an instruction that read a byte of [address, address+length), or -1 (data breakpoints on reads). */
    public long lastReadBefore(long address, int length, long time) {
        if (length <= 0) return -1;
        for (int k = shards.length - 1; k >= 0; k--) {
            if (offsets[k] >= time) continue;
            long t = shards[k].lastReadBefore(address, address + length, Math.min(time - offsets[k], shards[k].count));
            if (t >= 0) return t + offsets[k];
        }
        return -1;
    }

    /** The earliest time ≥ {@code time} of an instruction that read a byte of the range, or -1. */
    public long firstReadFrom(long address, int length, long time) {
        if (length <= 0) return -1;
        for (int k = 0; k < shards.length; k++) {
            if (offsets[k] + shards[k].count <= time) continue;
            long t = shards[k].firstReadFrom(address, address + length, Math.max(0, time - offsets[k]));
            if (t >= 0) return t + offsets[k];
        }
        return -1;
    }

    /**
     * The latest t' in [earliest, time) run by thread {@code tid} (-1: any thread) whose pc passes
     * {@code pcs}, or -1. Each block's distinct pcs (in memory) are tested first, so a predicate
     * that is costly once per pc (decoding the instruction there) should cache its answers.
     */
    public long lastExecutionMatching(java.util.function.LongPredicate pcs, int tid, long time, long earliest) {
        for (int k = shards.length - 1; k >= 0; k--) {
            if (offsets[k] >= time) continue;
            if (offsets[k] + shards[k].count <= earliest) break;
            long t = shards[k].lastExecutionMatching(pcs, tid, Math.min(time - offsets[k], shards[k].count), Math.max(0, earliest - offsets[k]));
            if (t >= 0) return t + offsets[k];
        }
        return -1;
    }

    /**
     * Where the bytes at {@code address} came from when no write made them, as of {@code time}: a
     * region of the run's initial memory ({@code time} -1) or one mapped before the instruction at
     * {@code time}. Null where nothing was mapped.
     */
    public record Mapping(long time, Region region) {}

    public Mapping mappingAt(long time, long address) {
        long local = Math.min(time, count) - offsets[shardOf(Math.max(0, Math.min(time, count - 1)))];
        for (int k = shardOf(Math.max(0, Math.min(time, count - 1))); k >= 0; k--) {
            ShardReader.Image m = shards[k].imageAt(local, address);
            if (m == null) return null;
            if (m.from() > 0) return new Mapping(m.from() + offsets[k], m.region());
            if (k == 0) return new Mapping(-1, m.region());
            local = shards[k - 1].count; // a later shard's start image is what the earlier shards left
        }
        return null;
    }

    private Write global(Write w, int k) { return new Write(w.time() + offsets[k], w.address(), w.bytes(), w.kernel()); }

    /** Calls and returns in [fromTime, toTime), in time order, with each thread's depth (the call tree). */
    public List<CallRecord> calls(long fromTime, long toTime) {
        List<CallRecord> out = new ArrayList<>();
        Map<Integer, Integer> depth = new HashMap<>();
        for (int k = 0; k < shards.length; k++) {
            long from = Math.max(fromTime, offsets[k]) - offsets[k], to = Math.min(toTime, offsets[k] + shards[k].count) - offsets[k];
            ShardReader next = null;
            for (int j = k + 1; j < shards.length && next == null; j++) if (shards[j].count > 0) next = shards[j];
            if (from < to) shards[k].calls(from, to, offsets[k], depth, out, next);
            shards[k].netDepth.forEach((tid, d) -> depth.merge(tid, d, Integer::sum));
        }
        return out;
    }

    public List<Syscall> syscalls() {
        List<Syscall> out = new ArrayList<>();
        for (int k = 0; k < shards.length; k++) {
            for (Syscall s : shards[k].syscalls) out.add(new Syscall(s.time() + offsets[k], s.number(), s.args(), s.result()));
        }
        return out;
    }

    public List<Output> output() {
        List<Output> out = new ArrayList<>();
        for (int k = 0; k < shards.length; k++) {
            for (Output o : shards[k].outputs) out.add(new Output(o.time() + offsets[k], o.fd(), o.bytes()));
        }
        return out;
    }

    public List<SignalRecord> signals() {
        List<SignalRecord> out = new ArrayList<>();
        for (int k = 0; k < shards.length; k++) {
            for (SignalRecord s : shards[k].signals) out.add(new SignalRecord(s.time() + offsets[k], s.signo()));
        }
        return out;
    }

    @Override
    public void close() {
        for (ShardReader s : shards) s.close();
    }
}
