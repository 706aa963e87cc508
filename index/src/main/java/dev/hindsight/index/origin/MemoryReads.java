package dev.hindsight.index.origin;

import dev.hindsight.tracer.effects.OperandDecoder;
import dev.hindsight.index.format.RecentKeyMap;
import java.util.function.LongFunction;

/**
 * The memory one instruction reads, for the build's read postings (data breakpoints on reads and
 * accesses): its memory operands that are data ({@link InstructionFlow}'s reads: a move's
 * destination is not read, an arithmetic one is, {@code lea}'s operand is arithmetic only), the
 * stack top that {@code pop} and {@code ret} read and the saved frame pointer {@code leave} reads,
 * at the addresses the registers before it give. Hints ({@code nop}, {@code prefetch}, {@code
 * clflush}) name memory without reading it. Decoded once per pc (code is assumed not to change).
 * Not thread-safe: one per shard.
 */
public final class MemoryReads {
    /** Receives one range read. */
    @FunctionalInterface
    public interface Sink { void read(long address, int length); }

    private static final int RBP = 4, RSP = 19;
    /** What the instruction at each pc reads, decoded once per pc (the build asks once per instruction). */
    private final RecentKeyMap<Plan> plans = new RecentKeyMap<>(14);
    /** Made once, not a method reference per instruction. */
    private final LongFunction<Plan> decoder = this::decode;
    private final LongFunction<byte[]> code;

    /** What one instruction reads: its data memory operands, and whether it is {@code ret}. Null flow: nothing. */
    private record Plan(InstructionFlow flow, InstructionFlow.Read[] memory, boolean ret) {
        static final Plan NOTHING = new Plan(null, new InstructionFlow.Read[0], false);

        static Plan of(InstructionFlow flow) {
            InstructionFlow.Read[] memory = flow.reads().stream()
                    .filter(r -> r.source() == InstructionFlow.Source.MEMORY && !r.address())
                    .toArray(InstructionFlow.Read[]::new);
            return new Plan(flow, memory, flow.mnemonic().equals("ret"));
        }
    }

    /** @param code the instruction bytes at a pc (up to 15), as the program had them */
    public MemoryReads(LongFunction<byte[]> code) {
        this.code = code;
    }

    /** Passes every range the instruction at {@code regs}' pc reads, given the registers before it (kernel order). */
    public void of(long[] regs, Sink out) {
        long pc = regs[16];
        Plan p = plans.computeIfAbsent(pc, decoder);
        for (InstructionFlow.Read r : p.memory) {
            long ea = r.memory() != null ? ValueOrigin.effectiveAddress(r.memory(), p.flow, regs) : r.stackAtRbp() ? regs[RBP] : regs[RSP];
            out.read(ea, r.size() > 0 ? r.size() : 8);
        }
        if (p.ret) out.read(regs[RSP], 8); // the return address
    }

    private Plan decode(long pc) {
        OperandDecoder.Instruction d = OperandDecoder.decode(code.apply(pc), pc);
        return d == null || isHint(d.mnemonic()) ? Plan.NOTHING : Plan.of(InstructionFlow.of(d));
    }

    private static boolean isHint(String m) {
        return m.startsWith("nop") || m.startsWith("prefetch") || m.startsWith("clflush") || m.startsWith("endbr") || m.equals("lea");
    }
}
