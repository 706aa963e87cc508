/**
 * The effects of one instruction, for the omniscient-debugging index (issue 10, part B): around
 * every single step, what the instruction wrote to memory, its kind, and whether it may have
 * changed x87/SSE/AVX state.
 *
 * <h2>API</h2>
 * <pre>{@code
 * public interface MemoryAccess { int read(long address, byte[] buffer, int offset, int length); }
 * public record MemoryWrite(long address, byte[] bytes) { int size(); long end(); }
 * public enum InstructionKind { CALL, RETURN, SYSCALL, OTHER }
 * public record StepEffects(List<MemoryWrite> writes, InstructionKind kind, boolean fpStateChanged,
 *                           String unknownWrite) { boolean hasUnknownWrite(); }
 * public final class EffectsTracker implements AutoCloseable {
 *     public EffectsTracker(MemoryAccess memory);
 *     public void beforeStep(long[] regs);            // Registers.raw() before the step
 *     public StepEffects afterStep(long[] regsAfter); // only when the step completed
 *     public void invalidateCode();                   // after writing the program's memory from outside
 *     public String plannedMnemonic();                // between beforeStep and afterStep, for messages
 *     public void close();                            // frees the Capstone handle
 * }
 * // For data-flow questions (the index's value-origin engine): operands with Capstone's register names.
 * public final class OperandDecoder { public static Instruction decode(byte[] code, long pc); }  // null if undecodable
 * record Instruction(pc, length, mnemonic, firstOpcodeByte, operands, implicitReads, implicitWrites, storesFirstOperand)
 * record Operand(type REGISTER|IMMEDIATE|MEMORY, register, immediate, segment, base, index, scale, displacement, size)
 * }</pre>
 * Differences from the design page: {@link dev.hindsight.tracer.effects.StepEffects} has a fourth
 * component, {@code unknownWrite} (null, or why the writes are incomplete: an instruction whose
 * writes are not modelled, e.g. a scatter, or a write that could not be read back) so the
 * builder can fall back instead of losing bytes; the tracker is {@code AutoCloseable}; and
 * {@code invalidateCode()} exists for memory written behind its back.
 *
 * <h2>What is reported</h2>
 * At most one region per step (no x86-64 instruction writes two): explicit memory destinations
 * (mov, ALU read-modify-write, inc/dec/neg/not, setcc, xchg/cmpxchg/xadd/cmpxchg16b with or
 * without lock, bts/btr/btc including the bit-string addressing of a register bit offset,
 * shifts/rotates, movbe, pop to memory with its rsp-after addressing), SSE/AVX/MMX stores incl.
 * 32-byte ymm, non-temporal, pextr/extractps/vextract, masked stores (the whole vector: lanes the
 * mask skipped are reported unchanged), maskmovq/maskmovdqu at rdi, x87 stores (fst/fstp/fist/
 * fistp/fisttp/fbstp/fnstcw/fnstsw/fnstenv 28 bytes/fnsave 108 bytes), push/pushf/call
 * ([rsp after, rsp before), so a 16-bit push is 2 bytes), enter (frame pointer, copied frame
 * pointers and frame temp), string stores (stos/movs/ins: one element at rdi when rdi moved, so a
 * {@code rep} with rcx = 0 writes nothing and either direction flag works), fxsave (512 bytes),
 * xsave/xsaveopt (standard layout up to the highest component in XCR0 &amp; edx:eax) and xsavec
 * (compacted layout of those components, 64-byte aligned where CPUID says), sized from this
 * CPU's CPUID leaf 0xD and XGETBV (run through a tiny executable stub, {@code Cpuid}). A write
 * may cover bytes that keep their value (a cmpxchg that failed, an xsave component in its init
 * state); it never misses a changed byte. cmov, cmp/test/bt, lea, nop/prefetch/clflush, loads,
 * rdtsc, cpuid and {@code syscall} write nothing; the kernel's writes during a system call (and
 * the signal frame of a signal delivered during a step) are not this package's: they come from
 * the recording. Whatever is not modelled is reported in {@code unknownWrite}, never dropped:
 * scatters, movdir64b, enqcmd, bndstx, clzero, shadow-stack writes, and VEX/EVEX store forms
 * Capstone cannot decode.
 *
 * <h2>How</h2>
 * Capstone 4 in detail mode ({@code DetailDecoder}: its own handle, layouts checked with offsetof)
 * decodes a program counter once; {@code WriteRules} turns operands, prefixes and the opcode into
 * an {@code InstructionPlan} (a recipe: which registers form the address, what size). Capstone
 * 4.0.2's per-operand access flags are wrong for many stores (movups, fst, cmpxchg say "read"),
 * so the rule is structural: a memory first operand (Intel order) is written unless the
 * instruction only reads it. Capstone 4.0.2 cannot decode ~20 AVX-512BW/mask instructions glibc's
 * evex string functions use (kmovd, vpcmpeqb into k, vptestnmb, vpternlogd) nor libgcc's rdsspq;
 * {@code EncodingFallback} classifies those by encoding (register forms and loads write nothing,
 * store opcodes are reported unknown). Kind comes from Capstone's CALL/RET/IRET groups;
 * {@code fpStateChanged} is false only when the instruction provably leaves the fxsave image and
 * the upper ymm halves alone (no x87/MMX/vector register, or a pure store/move-to-GPR of vector
 * state without conversion); a system call counts as a change (sigreturn).
 *
 * <p>Plans live in a direct-mapped table keyed by pc and confirmed against the instruction bytes.
 * The bytes are read again only when code may have changed since they were confirmed: after a
 * system call, after a reported write onto a page holding decoded code (self-modifying or JIT
 * code), or after {@code invalidateCode()}. So a step costs the address arithmetic plus one
 * {@link dev.hindsight.tracer.effects.MemoryAccess#read} per write, and allocates only its result
 * when something was written (steps that write nothing share constant results). The memory
 * access must show the program's own bytes (breakpoints hidden), as {@code Backend.readMemory} does.
 *
 * <h2>Cost</h2>
 * {@code misc/bench/effects-cost.sh} (effects_strings.c, whole run from ld.so's first instruction,
 * 137,000 steps with 30,400 writes, on this 2-core VM shared by other builds at load 7–10, so quote
 * ranges): the tracker alone, replayed over the run's recorded registers against a copy of its
 * memory, costs 257–281 ns per step in the best rounds (500–1,000 typical under that load) and
 * allocates 54 bytes per step (only steps that write allocate). Inside live single-stepping
 * (21–24 µs per step here, all ptrace) it adds 0.2–1.3 µs per step (one run: 3.6), mostly the
 * {@code /proc/PID/mem} pread per write.
 *
 * <h2>Proof</h2>
 * {@code EffectsOracleTest} single-steps whole programs (C with gcc and clang, C++, asm, SSE/AVX,
 * x87, a lazily bound call through ld.so's xsavec resolver) through the live engine and keeps a
 * copy of every writable mapping up to date only with the reported writes: the real memory must
 * equal the copy around rsp, rdi and each write after every step, everywhere every 64 steps and
 * before each system call; FP registers that changed must have been flagged. Those runs set
 * {@code GLIBC_TUNABLES=glibc.pthread.rseq=0}: with rseq registered the kernel rewrites the rseq
 * area in the TCB whenever the thread is preempted or migrated (not at a system call), which no
 * instruction did; a recorder must disable rseq or record those writes.
 */
package dev.hindsight.tracer.effects;
