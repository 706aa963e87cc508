package dev.hindsight.index;

import dev.hindsight.index.format.BlockEncoder;
import dev.hindsight.index.format.BlockSummary;
import dev.hindsight.index.format.ByteSink;
import dev.hindsight.index.format.FrameWriter;
import dev.hindsight.index.format.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one shard of the index: call {@link #instruction} once per executed instruction, in
 * order, with the registers before it (so instruction t's registers are the state at time t),
 * then the events that belong to it, then {@link #finish()}. Times given here are local to the
 * shard (0 = its first instruction); {@link IndexStore#commit} fixes the global offsets.
 *
 * <p>Not thread-safe: one writer per shard, on the shard's thread. Costs a few hundred
 * nanoseconds per instruction (see the package documentation), compression included.
 */
public final class ShardWriter implements AutoCloseable {
    private final Path dir;
    private final ShardStart start;
    private final FrameWriter blocks, summary, calls, fp, events;
    private final BlockEncoder block = new BlockEncoder();
    private final dev.hindsight.index.format.PostingWriter executions = new dev.hindsight.index.format.PostingWriter();
    /** Per 4 KiB page, the blocks that wrote it: memoryAt skips the others without looking. */
    private final dev.hindsight.index.format.PostingWriter pageBlocks = new dev.hindsight.index.format.PostingWriter();
    /** Per 8-byte word and byte mask, the instructions that read those bytes (data breakpoints on reads). */
    private final dev.hindsight.index.format.PostingWriter reads = new dev.hindsight.index.format.PostingWriter();
    private int blockCount;
    /** Every block's summary (its written words), for the busy pages regrouped at the end (pagewords.bin). */
    private final java.util.List<BlockSummary> writtenWords = new java.util.ArrayList<>();
    private final ByteSink scratch = new ByteSink(1 << 16), summaryBytes = new ByteSink(4096);
    private final ByteSink callLog = new ByteSink(1 << 14), fpLog = new ByteSink(1 << 16), eventLog = new ByteSink(1 << 16);
    private final ByteSink callIndex = new ByteSink(256), fpIndex = new ByteSink(256);
    private final Map<Integer, Integer> depth = new TreeMap<>();
    private long count;
    private int callRecords, fpRecords, callFrames, fpFrames;
    private long lastCallTime, lastCallPc, lastFpTime;
    private byte[] previousFp = new byte[512];
    /** A call or return whose target (the next pc) is not known yet. */
    private long pendingTime = -1;
    private int pendingTid, pendingKind;
    private long pendingPc;
    private boolean finished;

    ShardWriter(Path dir, ShardStart start) {
        this.dir = dir;
        this.start = start;
        this.blocks = new FrameWriter(dir.resolve(Layout.BLOCKS));
        this.summary = new FrameWriter(dir.resolve(Layout.SUMMARY));
        this.calls = new FrameWriter(dir.resolve(Layout.CALLS));
        this.fp = new FrameWriter(dir.resolve(Layout.FP));
        this.events = new FrameWriter(dir.resolve(Layout.EVENTS));
        writeStart();
        block.begin(0);
    }

    /** Instructions written so far (the next one's local time). */
    public long count() { return count; }

    /**
     * Instruction {@code count()}: the thread that ran it, its registers before it ran (kernel
     * order; rip is its pc), its kind, what it wrote (parallel arrays, null for none), and the
     * fxsave image before it ran when that differs from the previous one (else null).
     */
    public void instruction(int tid, long[] registers, StepKind kind, long[] writeAddresses, byte[][] writeValues, byte[] fxsave) {
        requireOpen();
        if (registers.length != Layout.REGS) throw new IllegalArgumentException("need 27 registers in kernel order");
        long pc = registers[Layout.RIP];
        if (pendingTime >= 0) logCall(pc);
        if (block.count() == Layout.BLOCK) flushBlock();
        block.add(tid, registers, kind.ordinal());
        executions.add(pc, count);
        if (writeAddresses != null) {
            for (int i = 0; i < writeAddresses.length; i++) {
                block.addWrite(writeAddresses[i], writeValues[i], 0, writeValues[i].length, false);
            }
        }
        if (fxsave != null) logFp(count, fxsave);
        if (kind == StepKind.CALL || kind == StepKind.RETURN) {
            pendingTime = count;
            pendingTid = tid;
            pendingKind = kind.ordinal();
            pendingPc = pc;
        }
        count++;
    }

    public void instruction(int tid, long[] registers, StepKind kind, long[] writeAddresses, byte[][] writeValues) {
        instruction(tid, registers, kind, writeAddresses, writeValues, null);
    }

    /** Memory the last instruction read: {@code length} bytes at {@code address} (one call per operand). */
    public void read(long address, int length) {
        requireLast("a memory read");
        long end = address + length;
        for (long word = address >>> 3; word << 3 < end; word++) {
            long first = word << 3;
            int lo = (int) (Math.max(address, first) - first), hi = (int) (Math.min(end, first + 8) - first);
            int mask = (1 << hi) - (1 << lo); // bits lo..hi-1: the word's bytes in [address, end)
            reads.add(Layout.readKey(word, mask), count - 1);
        }
    }

    /**
     * The system call made by the last instruction: its number, six arguments, result, and the
     * memory the kernel wrote (visible from the next instruction on).
     */
    public void syscall(long number, long[] args, long result, long[] kernelAddresses, byte[][] kernelValues) {
        requireLast("a system call");
        addKernelWrites(kernelAddresses, kernelValues);
        eventLog.put(1);
        eventLog.putVarint(count - 1);
        eventLog.putVarint(number);
        eventLog.putVarint(args.length);
        for (long a : args) eventLog.putLong(a);
        eventLog.putLong(result);
        eventRecordDone();
    }

    /** Bytes the program wrote to {@code fd} by the system call at local time {@code time}. */
    public void output(long time, int fd, byte[] bytes) {
        requireOpen();
        eventLog.put(2);
        eventLog.putVarint(time);
        eventLog.putVarint(fd);
        eventLog.putBytes(bytes);
        eventRecordDone();
    }

    /** A signal delivered before the next instruction; the kernel's writes (its frame) come with it. */
    public void signal(int signo, long[] kernelAddresses, byte[][] kernelValues) {
        requireLast("a signal delivery");
        addKernelWrites(kernelAddresses, kernelValues);
        eventLog.put(3);
        eventLog.putVarint(count);
        eventLog.putVarint(signo);
        eventRecordDone();
    }

    /** Memory that appears before the next instruction (an mmap'd file or zeroed anonymous memory). */
    public void mapped(Region region) {
        requireOpen();
        eventLog.put(4);
        eventLog.putVarint(count);
        putRegion(eventLog, region);
        eventRecordDone();
    }

    private void requireLast(String what) {
        requireOpen();
        if (count == 0) throw new IllegalStateException(what + " before the shard's first instruction belongs in its start state");
    }

    private void addKernelWrites(long[] addresses, byte[][] values) {
        if (addresses == null) return;
        for (int i = 0; i < addresses.length; i++) block.addWrite(addresses[i], values[i], 0, values[i].length, true);
    }

    private void eventRecordDone() {
        if (eventLog.size() >= 1 << 16) flushLog(events, eventLog, null);
    }

    private void logCall(long target) {
        int d = depth.getOrDefault(pendingTid, 0);
        callLog.putVarint(pendingTime - lastCallTime);
        callLog.putVarint(pendingTid);
        callLog.put(pendingKind);
        callLog.putSigned(pendingPc - lastCallPc);
        callLog.putSigned(target - pendingPc);
        callLog.putSigned(d);
        if (callRecords % Layout.LOG_FRAME == 0) callIndex.putVarint(pendingTime);
        lastCallTime = pendingTime;
        lastCallPc = pendingPc;
        depth.put(pendingTid, pendingKind == StepKind.CALL.ordinal() ? d + 1 : d - 1);
        pendingTime = -1;
        if (++callRecords % Layout.LOG_FRAME == 0) {
            flushLog(calls, callLog, callIndex);
            callFrames++;
            lastCallTime = 0;
            lastCallPc = 0;
        }
    }

    private void logFp(long time, byte[] image) {
        if (image.length != 512) throw new IllegalArgumentException("an fxsave image has 512 bytes");
        fpLog.putVarint(time - lastFpTime);
        for (int i = 0; i < 512; i++) fpLog.put(image[i] ^ previousFp[i]);
        previousFp = image.clone();
        if (fpRecords % Layout.LOG_FRAME == 0) fpIndex.putVarint(time);
        lastFpTime = time;
        if (++fpRecords % Layout.LOG_FRAME == 0) {
            flushLog(fp, fpLog, fpIndex);
            fpFrames++;
            lastFpTime = 0;
            previousFp = new byte[512];
        }
    }

    /** Writes a log's pending frame; {@code index} gets the frame's offset after its first time. */
    private static void flushLog(FrameWriter out, ByteSink log, ByteSink index) {
        if (log.size() == 0) return;
        long at = out.write(log);
        if (index != null) index.putVarint(at);
        log.reset();
    }

    private void flushBlock() {
        if (block.count() == 0) return;
        block.encode(scratch);
        long at = blocks.write(scratch);
        block.summarize(at, summaryBytes);
        summary.write(summaryBytes);
        BlockSummary s = BlockSummary.decode(summaryBytes.toArray());
        writtenWords.add(new BlockSummary(s.start(), s.count(), s.offset(), new long[0], s.words()));
        for (long page : block.pages()) pageBlocks.add(page, blockCount);
        blockCount++;
        block.begin(count);
    }

    private void writeStart() {
        ByteSink s = new ByteSink(1 << 16);
        s.putVarint(start.firstEvent());
        s.putVarint(start.tid());
        for (long r : start.registers()) s.putLong(r);
        s.putBytes(start.fxsave() == null ? new byte[0] : start.fxsave());
        s.putVarint(start.memory().size());
        for (Region r : start.memory()) putRegion(s, r);
        try (FrameWriter w = new FrameWriter(dir.resolve(Layout.START))) {
            w.write(s);
        }
    }

    static void putRegion(ByteSink s, Region r) {
        s.putVarint(r.start());
        s.putString(r.perms());
        s.putString(r.name());
        s.putBytes(r.bytes());
    }

    /**
     * Writes everything out and marks the shard finished (its {@code shard.bin}, written last).
     * Returns the shard's instruction count.
     */
    public long finish() {
        requireOpen();
        if (pendingTime >= 0) logCall(-1); // the target is the next shard's first pc: the reader asks it
        flushBlock();
        if (callLog.size() > 0) callFrames++;
        flushLog(calls, callLog, callIndex);
        if (fpLog.size() > 0) fpFrames++;
        flushLog(fp, fpLog, fpIndex);
        flushLog(events, eventLog, null);
        for (FrameWriter w : new FrameWriter[] {blocks, summary, calls, fp, events}) w.close();
        long pcDirectory;
        try (FrameWriter w = new FrameWriter(dir.resolve(Layout.PCS))) {
            pcDirectory = executions.write(w);
        }
        long pageDirectory;
        try (FrameWriter w = new FrameWriter(dir.resolve(Layout.PAGES))) {
            pageDirectory = pageBlocks.write(w);
        }
        long readDirectory;
        try (FrameWriter w = new FrameWriter(dir.resolve(Layout.READS))) {
            readDirectory = reads.write(w);
        }
        PageWordsFile.write(dir.resolve(Layout.PAGE_WORDS), writtenWords);
        ByteSink meta = new ByteSink(1024);
        meta.putString(Layout.SHARD_MAGIC);
        meta.putVarint(count);
        meta.putVarint(callRecords);
        meta.putVarint(callFrames);
        meta.put(callIndex.array(), 0, callIndex.size());
        meta.putVarint(fpRecords);
        meta.putVarint(fpFrames);
        meta.put(fpIndex.array(), 0, fpIndex.size());
        meta.putVarint(pcDirectory);
        meta.putVarint(pageDirectory);
        meta.putVarint(readDirectory);
        meta.putVarint(depth.size());
        depth.forEach((tid, d) -> {
            meta.putVarint(tid);
            meta.putSigned(d);
        });
        try {
            for (String f : Layout.DATA_FILES) meta.putVarint(Files.size(dir.resolve(f)));
        } catch (java.io.IOException e) {
            throw new IndexException("cannot read back " + dir + ": " + e.getMessage(), e);
        }
        Path tmp = dir.resolve(Layout.SHARD + ".tmp");
        try (FrameWriter w = new FrameWriter(tmp)) {
            w.write(meta);
        }
        IndexStore.moveAtomically(tmp, dir.resolve(Layout.SHARD));
        finished = true;
        return count;
    }

    private void requireOpen() {
        if (finished) throw new IllegalStateException("the shard is finished");
    }

    /** Closes the files of an unfinished shard (it stays unfinished: a commit refuses it). */
    @Override
    public void close() {
        if (finished) return;
        finished = true;
        for (FrameWriter w : new FrameWriter[] {blocks, summary, calls, fp, events}) {
            try {
                w.close();
            } catch (IndexException ignored) {
                // an abandoned shard's files are deleted by the next build
            }
        }
    }
}
