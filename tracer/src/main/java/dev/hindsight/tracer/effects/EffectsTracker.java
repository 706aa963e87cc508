package dev.hindsight.tracer.effects;

import static dev.hindsight.tracer.effects.Registers64.*;

import dev.hindsight.tracer.effects.InstructionPlan.Write;
import java.util.List;

/**
 * The effects of each single step of one traced process: call {@link #beforeStep} with the
 * registers before a step and {@link #afterStep} with those after it (only when the step
 * completed: a step that faulted executed nothing). One per process (all its threads' steps go
 * through it, so it sees every user-space write); not thread-safe.
 *
 * <p>Cost: a program counter is decoded once (Capstone with details, cached in a direct-mapped
 * table keyed by pc and confirmed against the instruction bytes). The bytes are re-read only when
 * code may have changed since they were confirmed: after a system call (mmap, mprotect, a read
 * into code…), after a write this tracker reported onto a page holding decoded code, or after
 * {@link #invalidateCode()} (a debugger wrote memory, a replay restored a checkpoint). A step
 * then costs the address arithmetic plus one memory read per write whose bytes the instruction
 * does not name (a {@code mov} or {@code push} of a register or an immediate and a {@code call}'s
 * return address come from the registers before the step: no read), and allocates only the
 * result when something was written.
 */
public final class EffectsTracker implements AutoCloseable {
    private static final int CACHE_SIZE = 1 << 15;

    private final MemoryAccess memory;
    private final DetailDecoder decoder = new DetailDecoder();
    private final InstructionPlan[] cache = new InstructionPlan[CACHE_SIZE];
    private final CodePages codePages = new CodePages();
    private final long[] before = new long[27];
    private final byte[] code = new byte[16];
    private final StepEffects[] nothingWritten = new StepEffects[InstructionKind.values().length * 2];
    private long epoch = 1;
    private InstructionPlan current;
    private long operandAddress;
    private XsaveLayout xsave;
    private String xsaveFailure;

    public EffectsTracker(MemoryAccess memory) {
        this.memory = memory;
        for (InstructionKind k : InstructionKind.values()) {
            nothingWritten[k.ordinal() * 2] = new StepEffects(List.of(), k, false, null);
            nothingWritten[k.ordinal() * 2 + 1] = new StepEffects(List.of(), k, true, null);
        }
    }

    /** Before stepping: the registers now (kernel order, {@code Registers.raw()}). Decodes (cached per pc) and plans the write. */
    public void beforeStep(long[] regs) {
        System.arraycopy(regs, 0, before, 0, before.length);
        long pc = regs[RIP];
        int slot = slot(pc);
        InstructionPlan plan = cache[slot];
        if (plan == null || plan.pc != pc || plan.confirmedEpoch != epoch) {
            plan = confirmOrDecode(pc, plan != null && plan.pc == pc ? plan : null);
            cache[slot] = plan;
        }
        current = plan;
        if (plan.write == Write.OPERAND || plan.write == Write.XSAVE_STANDARD || plan.write == Write.XSAVE_COMPACT) {
            operandAddress = plan.operandAddress(before);
        }
    }

    /** After the step: what was written (values read now), the instruction's kind, whether FP/vector state may have changed. */
    public StepEffects afterStep(long[] regsAfter) {
        InstructionPlan plan = current;
        if (plan == null) throw new IllegalStateException("afterStep without beforeStep");
        current = null;
        if (plan.kind == InstructionKind.SYSCALL) epoch++; // the kernel may have mapped, unmapped or written code
        long address;
        int size;
        switch (plan.write) {
            case NONE -> {
                return nothingWritten[plan.kind.ordinal() * 2 + (plan.fpStateChanged ? 1 : 0)];
            }
            case OPERAND -> {
                address = operandAddress;
                size = plan.size;
            }
            case STACK -> {
                address = regsAfter[RSP];
                long pushed = before[RSP] - address;
                if (pushed <= 0 || pushed > 16) return unknown(plan, "rsp moved by " + (-pushed) + " over a push/call: a signal was delivered?");
                size = (int) pushed;
            }
            case ENTER -> {
                size = plan.size;
                address = before[RSP] - size;
            }
            case STRING -> {
                if (regsAfter[RDI] == before[RDI]) return nothingWritten[plan.kind.ordinal() * 2 + (plan.fpStateChanged ? 1 : 0)];
                address = plan.destinationIndex(before);
                size = plan.size;
            }
            case AT_RDI -> {
                address = plan.destinationIndex(before);
                size = plan.size;
            }
            case XSAVE_STANDARD, XSAVE_COMPACT -> {
                XsaveLayout layout = xsaveLayout();
                if (layout == null) return unknown(plan, plan.mnemonic + ": cannot size the xsave area: " + xsaveFailure);
                long requested = (before[RDX] << 32) | (before[RAX] & 0xffffffffL);
                address = operandAddress;
                size = plan.write == Write.XSAVE_STANDARD ? layout.standardSize(requested) : layout.compactedSize(requested);
            }
            default -> {
                return unknown(plan, plan.unknown);
            }
        }
        byte[] bytes;
        if (plan.value != InstructionPlan.Value.MEMORY && (plan.write == Write.OPERAND || size == 8)) {
            bytes = plan.valueWritten(before, size); // the store's source, as it was before the step
        } else {
            bytes = new byte[size];
            int n = memory.read(address, bytes, 0, size);
            if (n != size) {
                return unknown(plan, String.format("%s at 0x%x: could not read back %d bytes at 0x%x", plan.mnemonic, plan.pc, size, address));
            }
        }
        if (codePages.overlaps(address, size)) epoch++;
        return new StepEffects(List.of(new MemoryWrite(address, bytes)), plan.kind, plan.fpStateChanged, null);
    }

    /** Forget that decoded code is known to be unchanged: call after writing the program's memory from outside. */
    public void invalidateCode() {
        epoch++;
    }

    /** The mnemonic of the instruction planned by the last {@link #beforeStep} (for messages and tests). */
    public String plannedMnemonic() {
        return current == null ? null : current.mnemonic;
    }

    private StepEffects unknown(InstructionPlan plan, String why) {
        return new StepEffects(List.of(), plan.kind, plan.fpStateChanged, why);
    }

    private InstructionPlan confirmOrDecode(long pc, InstructionPlan cached) {
        int n = Math.max(0, memory.read(pc, code, 0, code.length));
        if (cached != null && cached.sameBytes(code, n)) {
            cached.confirmedEpoch = epoch;
            return cached;
        }
        Decoded d = n == 0 ? null : decoder.decode(code, n, pc);
        InstructionPlan plan = d != null ? WriteRules.plan(d) : EncodingFallback.plan(pc, code, n);
        if (plan == null) plan = new InstructionPlan(pc, java.util.Arrays.copyOf(code, Math.max(n, 1)));
        plan.confirmedEpoch = epoch;
        codePages.add(pc, plan.length());
        return plan;
    }

    private XsaveLayout xsaveLayout() {
        if (xsave == null && xsaveFailure == null) {
            try {
                xsave = XsaveLayout.host();
            } catch (RuntimeException | LinkageError e) {
                xsaveFailure = e.getMessage();
            }
        }
        return xsave;
    }

    private static int slot(long pc) {
        return (int) ((pc ^ (pc >>> 15)) & (CACHE_SIZE - 1));
    }

    /** Frees the Capstone handle. */
    @Override
    public void close() {
        decoder.close();
    }
}
