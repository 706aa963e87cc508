/**
 * The per-run index that {@code hindsight build} writes inside a trace directory and the serve
 * step queries: every executed instruction (time, thread, pc, registers, kind), every memory
 * write, and the derived indexes (per pc, per address, calls and returns, system calls, output).
 *
 * <h2>API</h2>
 * <pre>{@code
 * // Writing (the builder): once per build, then one writer per shard (any thread or process).
 * IndexStore.prepare(traceDir);                       // removes an interrupted build's staging
 * ShardWriter w = IndexStore.createShard(traceDir, k, new ShardStart(firstEvent, tid, regs27, fxsaveOrNull, regions));
 * w.instruction(tid, regsBefore27, StepKind.X, writeAddresses, writeValues, fxsaveIfChangedOrNull); // per step
 * w.read(address, length);                             // memory it read (origin.MemoryReads decodes it)
 * w.syscall(number, args, result, kernelAddresses, kernelValues);  // of the last instruction
 * w.output(localTime, fd, bytes);  w.signal(signo, frameAddresses, frameValues);  w.mapped(region);
 * long n = w.finish();                                 // shard.bin written last: the shard is whole
 * IndexStore.commit(traceDir, shards);                 // manifest last, then an atomic rename
 * // Reading (the server): global times, thread-safe.
 * IndexReader r = IndexReader.open(traceDir);          // IndexException with a clear message if unusable
 * r.instructionCount(); r.registersAt(t); r.pcAt(t); r.threadAt(t); r.kindAt(t); r.fxsaveAt(t);
 * r.memoryAt(t, address, length);                      // shorter where nothing is known
 * r.lastWrites(t, address, length);                    // the writes that produced those bytes
 * r.executionsOf(pcLow, pcHigh, fromTime, limit);      // all executions of an instruction/line/function
 * r.executionCount(pcs); r.executionsBefore(pcs, t);  // how many times a line's addresses ran (before t)
 * r.executionPage(pcs, start, limit);                 // the start-th execution on, at most limit (paging)
 * r.lastExecutionBefore(pcLow, pcHigh, t);            // largest t' < t with pc in range, or -1 (reverse-continue)
 * r.firstExecutionFrom(pcLow, pcHigh, t);             // smallest t' ≥ t, or -1
 * r.lastWriteBefore(address, length, t);              // latest Write overlapping the range before t, or null
 * r.firstWriteFrom(address, length, t);               // earliest Write at t' ≥ t, or null
 * r.lastReadBefore(address, length, t); r.firstReadFrom(address, length, t); // instructions that read the range, or -1
 * r.lastExecutionMatching(pcPredicate, tid, t, earliest); // latest t' in [earliest, t) of thread tid (-1 any), or -1
 * r.mappingAt(t, address);                            // Mapping(time or -1 for the initial image, region) or null
 * r.writesTo(address, length, fromTime, toTime);       // dataflow
 * r.calls(fromTime, toTime);                           // call tree: calls and returns with depths
 * r.syscalls(); r.output(); r.signals();
 * }</pre>
 * Times given to a {@link dev.hindsight.index.ShardWriter} are local to the shard; the reader's
 * are global (the shard offsets are fixed by the commit). At time t the program is about to run
 * instruction t: registers and memory are those before it. Memory at t = the shard's start image
 * + the shard's writes before t (the kernel's included) + regions mapped before t.
 *
 * <h2>Layout</h2>
 * Format version 2 (skip blocks in the posting lists, read postings); a reader refuses any other version with a
 * sentence saying to rebuild (an older one) or to update Hindsight (a newer one), never misreads it.
 * {@code TRACE/index/manifest.properties} (format, version, shards, each shard's count, offset and
 * the size of its shard.bin, a CRC32C of the text) and {@code TRACE/index/shard-K/}:
 * {@code blocks.bin} (4096 instructions a block, columns compressed together with zstd),
 * {@code summary.bin} (per block: distinct pcs and written 8-byte words with byte masks),
 * {@code pcs.bin} (per pc, the times it ran: varint deltas in skip blocks of 128 entries, each
 * block's first time, frame and position in a skip table, and a directory), {@code pages.bin}
 * (per 4 KiB page, the blocks that wrote it, in the same posting format), {@code reads.bin} (per
 * 8-byte word and byte mask, the instructions that read those bytes: same format),
 * {@code calls.bin}, {@code fp.bin} (fxsave images XOR the previous), {@code events.bin},
 * {@code start.bin}, {@code pagewords.bin} (the pages written by at least 16 of the shard's blocks
 * regrouped by word, see below; fixed-width arrays, one frame a page, then a directory frame; an
 * index built before it existed lacks it and is read all the same, regrouping in memory), and
 * {@code shard.bin} (counts, frame indexes, the other files' sizes), written last. Every frame
 * carries a CRC32C.
 *
 * <h2>How the queries are answered</h2>
 * <ul>
 * <li>{@code registersAt(t)}: the block holding t (4096 instructions, full registers at its start,
 *     then per instruction a mask of changed registers and their deltas) is decompressed and
 *     replayed up to t; the last 8 decoded blocks are cached, and a block resumes from the
 *     instruction its last query reached when t lies past it, so a forward scan decodes each
 *     instruction once.
 * <li>{@code memoryAt(t, a, n)}: the blocks that wrote a page of the range ({@code pages.bin}) are
 *     regrouped in memory by 8-byte word, with the bytes each block wrote (from the block
 *     summaries' masks; made once per page and kept, at most about 5 MB per shard), so the last
 *     block before t that wrote each byte of the range (and the one before it, when that is t's
 *     own block, whose writes may come after t) is found by a binary search; only those blocks are
 *     decoded and walked back from t; bytes no block wrote come from the regions mapped before t
 *     or the shard's start image. So the cost is that of the range, not of how often the page was
 *     written: a backtrace's read of the stack used to check every block of the shard when a byte
 *     in it had not been written since the shard began. (A page so busy that its regrouping
 *     would exceed the budget is read by walking its blocks backwards as before.) A busy page's
 *     regrouping is made at build time ({@code pagewords.bin}) and read back by bulk copies: made
 *     in memory, it is the first query's main cost in a fresh serving process, whose code is still
 *     interpreted (7-10 ms of CPU for the stack page of a 7,800-block shard, against under 1 ms
 *     read back).
 * <li>{@code executionsOf}, {@code executionCount}, {@code executionsBefore}, {@code
 *     executionPage}: the pcs' posting lists ({@code pcs.bin}), no block decoded. The count is the
 *     directory's; a time or an entry number is found in the list's skip table (in memory once
 *     read) and only that skip block (128 entries, one frame of ≤16 KiB) is decoded, so a page of
 *     a line that ran a million times costs what a page of one that ran ten times costs. A page of
 *     several addresses binary-searches the time of its first entry by those counts.
 * <li>{@code lastExecutionBefore}/{@code firstExecutionFrom}: the same skip tables: the entry
 *     before (or at) t of each pc in the range. {@code lastWriteBefore}/{@code firstWriteFrom}: the range's page lists, walked from
 *     t; the first block whose written-word masks touch the range is the only one decoded.
 * <li>{@code lastReadBefore}/{@code firstReadFrom}: the read postings of the range's words whose
 *     masks overlap it, each entered at t by its skip table: data breakpoints on reads.
 * <li>{@code writesTo}: the blocks of the range's pages within the window, decoded; the cost grows
 *     with the answer (a hot stack slot over millions of instructions has hundreds of thousands of
 *     writes); the serve step pages through windows. {@code lastWrites} ("where did this value
 *     come from") is {@code memoryAt}'s walk, so as cheap.
 * <li>{@code calls}: the call log (time, thread, pc, target, depth), frames found by time.
 * </ul>
 * The writer keeps one block, the pc posting lists (about a byte per instruction) and the page
 * lists in memory; a shard of 50M instructions needs some 100 MB.
 *
 * <h2>Storage chosen by measurement</h2>
 * {@code misc/bench/index-storage.sh} builds the same streams into each candidate in one run and
 * prints the table below (this 2-core VM had a load average of 6-10 from other builds: latencies
 * are medians / 95th percentiles of 200 random samples, warm page cache; the writer's cost is
 * the best of two runs after a warm-up, minus reading the stream). Streams: a live single-stepped
 * run of {@code index_workload.c} (loop, recursion, memcpy, malloc, FP, printf; 50 rounds) from
 * its entry point through the tracer's ptrace backend, its writes found by comparing memory after
 * each step (a write of the value already there is invisible, hence only 0.11 writes per
 * instruction); and a synthetic loop-shaped stream (0.35 writes, 2.8 written bytes per
 * instruction) of 5M and 50M instructions.
 * <pre>
 *                                   bytes/  writer   registers   memory 64B   executions   writes to 64B
 *  candidate                        instr   ns/instr ms med/p95  ms med/p95   of a pc      in a 10% window
 *  live index_workload.c, 870,794 instructions
 *  columnar blocks + zstd-1 (chosen)  2.62     188   0.09/1.4    0.17/4.9     0.30/6.9      2.22/9.9
 *  columnar blocks + zstd-3           2.43     331   0.09/0.4    0.12/1.7     0.13/1.5      1.73/3.6
 *  SQLite 3.51 (rows + B-trees)      53.19    1413   0.96/3.2   19.27/57.8    5.12/65.9     2.04/10.0
 *  DuckDB 1.4 (columnar tables)      11.15    1653   2.23/6.9    5.82/17.0    4.92/16.6     1.57/2.9
 *  synthetic, 5,000,000 instructions
 *  columnar blocks + zstd-1 (chosen)  2.25     201   0.12/1.7    0.15/3.2     1.37/5.0     35.10/64.8
 *  columnar blocks + zstd-3           2.15     174   0.11/0.2    0.20/0.5     0.67/2.9     34.60/54.8
 *  SQLite 3.51 (rows + B-trees)      56.70    1527   0.65/1.7   55.86/474.1  22.79/28.0   105.54/124.4
 *  DuckDB 1.4 (columnar tables)       7.13    1199   1.15/3.0   11.42/118.9  19.58/25.7    14.30/18.6
 *  synthetic, 50,000,000 instructions
 *  columnar blocks + zstd-1 (chosen)  2.25     212   0.14/0.2    0.31/2.6    12.43/132.5  363.57/828.9
 *  (SQLite also spends 0.4-5.8 s after the last row building its indexes; every candidate gave the
 *  same answers. "executions of a pc" lists all of them: ~150,000 for a loop pc at 5M, 1.5M at 50M.
 *  "writes to 64B" fetches every write to a hot stack range: tens of thousands at 5M.)
 * </pre>
 * <b>Decision: our own column blocks with zstd level 1.</b> They are 3-25x smaller than the
 * databases (2.3-2.6 bytes per instruction, everything included, against the 24-byte target;
 * SQLite needs 53-57, DuckDB 7-11), the writer costs about 0.2 µs per instruction (the builder
 * single-steps at 3-10 µs per instruction, so indexing is a few percent of a shard's time; SQLite
 * and DuckDB cost 1.2-1.7 µs, and SQLite needs seconds more for its B-trees), and the state at a
 * time comes back in a fraction of a millisecond even at 50M instructions (p95 2.6 ms, under the
 * 10 ms target on a loaded VM): registers from one block, memory by skipping straight to the
 * blocks that wrote the page. SQLite walks every old write of a hot address for memoryAt (tens to
 * hundreds of ms); DuckDB scans columns for every point query (milliseconds to 100+ ms). DuckDB
 * is faster at one thing, fetching all writes to a hot range over a long window (a column scan
 * beats decoding ~120 blocks): the serve step pages those windows, and a per-word write posting
 * list (like pcs.bin) is the known next step if it matters. zstd level 3 is 4-7% smaller for up to
 * twice the writer's cost in these runs: not worth it while 2.6 bytes is a tenth of the budget.
 * Neither database makes shard files that a process writes alone and a manifest adopts atomically
 * any easier than plain files do. RocksDB and LMDB were not measured: their key-value layout would store the same blocks we
 * compress ourselves, plus their own overhead.
 *
 * <h2>Limits</h2>
 * <ul>
 * <li>Registers are delta-coded against the previous instruction whatever its thread: correct for
 *     any interleaving, smallest for long runs of one thread.
 * <li>An unmapped region keeps answering its last bytes (munmap is not an event yet).
 * <li>A state that repeats exactly is indistinguishable (see the tracer's record documentation);
 *     the index only stores what happened.
 * </ul>
 */
package dev.hindsight.index;
