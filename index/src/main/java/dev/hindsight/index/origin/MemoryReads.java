package dev.hindsight.index.origin;

import dev.hindsight.tracer.effects.OperandDecoder;
import java.util.HashMap;
import java.util.Map;
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
    /** A direct-mapped table in front of {@link #flows}: the build asks once per instruction, a boxed map lookup each time showed in its profile. */
    private static final int SLOTS = 1 << 14;
    private final long[] slotPcs = new long[SLOTS];
    private final Plan[] slotPlans = new Plan[SLOTS];
    /** Every pc decoded so far (code is read once per pc; a slot's eviction must not read it again). */
    private final Map<Long, Plan> flows = new HashMap<>();
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
        java.util.Arrays.fill(slotPcs, -1);
    }

    /** Passes every range the instruction at {@code regs}' pc reads, given the registers before it (kernel order). */
    public void of(long[] regs, Sink out) {
        long pc = regs[16];
        int slot = (int) (pc ^ (pc >>> 14)) & (SLOTS - 1);
        Plan p = slotPcs[slot] == pc ? slotPlans[slot] : null;
        if (p == null) {
            p = flows.computeIfAbsent(pc, this::decode);
            slotPcs[slot] = pc;
            slotPlans[slot] = p;
        }
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
