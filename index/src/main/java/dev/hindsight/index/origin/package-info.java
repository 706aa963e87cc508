/**
 * "Where did this value come from": the value-origin engine over a built index (issue 12, part Q).
 *
 * <h2>API</h2>
 * <pre>{@code
 * ValueOrigin origin = new ValueOrigin(indexReader);          // or (reader, registerWalk); close() frees Capstone
 * OriginNode root = origin.ofMemory(t, address, length);      // bytes before instruction t
 * OriginNode root = origin.ofRegister(t, "eax");              // rax..r15 and their parts, xmm/ymm/zmm N
 * List<OriginNode> children = origin.expand(node.id());       // lazily, one level; ids are stable strings
 * new MemoryReads(codeAt).of(regsBefore, (address, length) -> …); // what an instruction reads: the build's read postings
 * record OriginNode(id, kind, role, label, time, pc, tid, register, address, value, facts, expandable)
 * }</pre>
 * A MEMORY node's children are the instructions (or kernel writes) that made its bytes, plus
 * where bytes no write made came from (INITIAL image or a MAPPED region: name and offset in it);
 * a REGISTER node's child is its last writer (plus the register itself before it, when the writer
 * replaced only part of it: {@code al} of {@code eax}); an INSTRUCTION node's children are what
 * it read, data first, then the registers that formed a memory operand's address (role
 * ADDRESS). Leaves: CONSTANT (an immediate, a call's return address, {@code xor r, r}), INITIAL
 * (registers before the run's first instruction), SYSCALL (number, result, arg0-5; for read,
 * pread64, readv and recvfrom: fd, bufferOffset, streamOffset), SIGNAL (signo), LIMIT (the search
 * bound, an undecodable instruction, unmapped memory). Times and pcs only: source lines are the
 * front end's (pc to line through the Target).
 *
 * <h2>How</h2>
 * Memory: {@link dev.hindsight.index.IndexReader#lastWrites} (the index's exact writes, kernel
 * ones included) and {@link dev.hindsight.index.IndexReader#mappingAt}. Registers: the index
 * keeps register deltas, but a write of the value already there leaves none, so the last writer
 * is found by decoding: {@link dev.hindsight.index.IndexReader#lastExecutionMatching} walks the
 * block summaries' distinct pcs backwards and decodes only a block one of whose pcs writes the
 * register (each pc decoded once, through the tracer's Capstone operand decoder, and cached),
 * looking at most {@link dev.hindsight.index.origin.ValueOrigin#DEFAULT_REGISTER_WALK}
 * instructions back (a LIMIT leaf says so). rt_sigreturn restores every register and a signal's
 * delivery sets rax, rdx, rsi, rdi and rsp: both end a register's walk.
 * <p>The system-call buffer's preload library (the recorder's wrappers of read and write, code
 * the user never wrote) is looked through: a writer inside it stands for what it copied, so a
 * buffered read's result has the SYSCALL node as its register's writer, not the wrapper's
 * {@code mov rax, rbx} and the registers before it. The library is known by its file name
 * ({@code syscallbuf-HASH.so}, {@code files/N-syscallbuf-HASH.so} in a trace); the program's code,
 * libc and the loader are shown as they are.
 *
 * <h2>Limits</h2>
 * Operand roles are structural (moves do not read their destination, arithmetic does; see
 * {@code InstructionFlow}): flags are not followed, xsave-family stores read as their own
 * destination, and vector registers above xmm15 or above 16 bytes have no value. Code is decoded
 * once per pc (self-modifying code is not followed). An lseek does not move the stream offset.
 */
package dev.hindsight.index.origin;
