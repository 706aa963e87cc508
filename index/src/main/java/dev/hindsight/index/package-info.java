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
 * {@code TRACE/index/manifest.properties} (format, version, shards, each shard's count, offset and
 * the size of its shard.bin, a CRC32C of the text) and {@code TRACE/index/shard-K/}:
 * {@code blocks.bin} (4096 instructions a block, columns compressed together with zstd),
 * {@code summary.bin} (per block: distinct pcs and written 8-byte words with byte masks),
 * {@code pcs.bin} (per pc, the times it ran: varint deltas, and a directory), {@code pages.bin}
 * (per 4 KiB page, the blocks that wrote it),
 * {@code calls.bin}, {@code fp.bin} (fxsave images XOR the previous), {@code events.bin},
 * {@code start.bin}, and {@code shard.bin} (counts, frame indexes, the other files' sizes), written
 * last. Every frame carries a CRC32C.
 */
package dev.hindsight.index;
