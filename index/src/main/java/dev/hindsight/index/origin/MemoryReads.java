package dev.hindsight.index.origin;

import dev.hindsight.tracer.effects.OperandDecoder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
    private final Map<Long, Optional<InstructionFlow>> flows = new HashMap<>();
    private final LongFunction<byte[]> code;

    /** @param code the instruction bytes at a pc (up to 15), as the program had them */
    public MemoryReads(LongFunction<byte[]> code) {
        this.code = code;
    }

    /** Passes every range the instruction at {@code regs}' pc reads, given the registers before it (kernel order). */
    public void of(long[] regs, Sink out) {
        long pc = regs[16];
        Optional<InstructionFlow> f = flows.get(pc);
        if (f == null) {
            OperandDecoder.Instruction d = OperandDecoder.decode(code.apply(pc), pc);
            f = Optional.ofNullable(d == null || isHint(d.mnemonic()) ? null : InstructionFlow.of(d));
            flows.put(pc, f);
        }
        if (f.isEmpty()) return;
        InstructionFlow flow = f.get();
        for (InstructionFlow.Read r : flow.reads()) {
            if (r.source() != InstructionFlow.Source.MEMORY || r.address()) continue;
            long ea = r.memory() != null ? ValueOrigin.effectiveAddress(r.memory(), flow, regs) : r.stackAtRbp() ? regs[RBP] : regs[RSP];
            out.read(ea, r.size() > 0 ? r.size() : 8);
        }
        if (flow.mnemonic().equals("ret")) out.read(regs[RSP], 8); // the return address
    }

    private static boolean isHint(String m) {
        return m.startsWith("nop") || m.startsWith("prefetch") || m.startsWith("clflush") || m.startsWith("endbr") || m.equals("lea");
    }
}
