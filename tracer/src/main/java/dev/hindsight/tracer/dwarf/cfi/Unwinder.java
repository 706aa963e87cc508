package dev.hindsight.tracer.dwarf.cfi;

import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.dwarf.DwarfFormatException;
import dev.hindsight.tracer.dwarf.expr.ExpressionContext;
import dev.hindsight.tracer.dwarf.expr.ExpressionEvaluator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Computes the caller's registers from a frame's registers, in the host architecture's DWARF numbering (x86-64: 16 =
 * rip, 7 = rsp; AArch64: 32 = pc, 31 = sp, 29 = the frame pointer, return address in x30). Uses the first CFI
 * source with an FDE for the pc, falling back to the frame-pointer chain when none covers it. Caller-saved registers are not
 * carried over: their caller values are not recoverable and must not be shown as if they were.
 */
public final class Unwinder {
    private static final Architecture ARCH = Architecture.host();
    /** The pc, stack pointer and frame pointer of the host architecture (named after x86-64's). */
    public static final int RIP = ARCH.dwarfPc(), RSP = ARCH.dwarfSp(), RBP = ARCH.dwarfFp();
    /** x86-64's rbx. */
    public static final int RBX = 3;
    private static final int[] CALLEE_SAVED = ARCH.dwarfCalleeSaved();
    private static final int LINK = ARCH.dwarfLinkRegister();

    /** Reads {@code size} bytes of target memory as a little-endian unsigned value. */
    public interface Memory extends BiFunction<Long, Integer, OptionalLong> {}

    /** The caller frame and how it was found. */
    public record Step(Map<Integer, Long> registers, boolean usedFramePointer, Optional<UnwindRow> row) {}

    private final List<CallFrameInfo> sources;
    private final ExpressionEvaluator evaluator = new ExpressionEvaluator(8);
    /** Rows by pc: every stop in a loop or a recursion unwinds through the same few return addresses. */
    private final Map<Long, Optional<UnwindRow>> rows = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Optional<UnwindRow>> eldest) {
            return size() > ROW_CACHE;
        }
    };
    private static final int ROW_CACHE = 4096;

    public Unwinder(List<CallFrameInfo> sources) {
        this.sources = List.copyOf(sources);
    }

    /** The row in effect at pc; empty when no FDE covers it or its instructions are damaged (unwinding falls back). */
    public Optional<UnwindRow> rowAt(long pc) {
        synchronized (rows) {
            Optional<UnwindRow> known = rows.get(pc);
            if (known != null) return known;
        }
        Optional<UnwindRow> row = findRow(pc);
        synchronized (rows) {
            rows.put(pc, row);
        }
        return row;
    }

    private Optional<UnwindRow> findRow(long pc) {
        for (CallFrameInfo cfi : sources) {
            Optional<FrameDescriptionEntry> fde = cfi.fdeFor(pc);
            if (fde.isEmpty()) continue;
            try {
                return Optional.of(CfaInterpreter.rowAt(fde.get(), pc));
            } catch (DwarfFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * One unwind step. {@code innermost} is true for the frame that is actually executing at its pc; other frames'
     * pcs are return addresses, so the lookup uses pc-1 to stay inside the call instruction's function (except in
     * signal trampolines, whose pc is exact). Empty means the outermost frame was reached or state is missing.
     */
    public Optional<Step> step(Map<Integer, Long> regs, Memory memory, boolean innermost) {
        return step(regs, memory, innermost, null);
    }

    /**
     * As {@link #step(Map, Memory, boolean)}; where no CFI covers the pc, {@code prologue} tells whether the frame
     * pointer is set up yet or the return address is still near the stack pointer (null, or giving null, when the
     * function's start is unknown: then it is taken to be frameless).
     */
    public Optional<Step> step(Map<Integer, Long> regs, Memory memory, boolean innermost, Supplier<Prologue> prologue) {
        Long pc = regs.get(RIP);
        if (pc == null || pc == 0 && !innermost) return Optional.empty();
        Optional<UnwindRow> lookedUp = rowAt(innermost ? pc : pc - 1);
        if (!innermost && (lookedUp.isEmpty() || lookedUp.get().signalFrame())) {
            Optional<UnwindRow> exact = rowAt(pc);
            if (exact.isPresent() && exact.get().signalFrame()) lookedUp = exact;
        }
        Optional<UnwindRow> row = lookedUp;
        if (row.isEmpty()) {
            // Code nobody describes (no symbol either, e.g. a call through a null pointer) is taken
            // to be frameless, as gdb does: its return address is at the stack pointer.
            Prologue p = prologue == null ? null : prologue.get();
            if (p == null) p = new Prologue(false, false);
            return p.framePointerSet() ? framePointer(regs, memory) : frameless(regs, memory, p);
        }
        try {
            return withRow(regs, memory, row.get()).map(r -> new Step(r, false, row));
        } catch (DwarfFormatException e) {
            return Optional.empty(); // a damaged CFA or register expression: this is as far as the stack goes
        }
    }

    private Optional<Map<Integer, Long>> withRow(Map<Integer, Long> regs, Memory memory, UnwindRow row) {
        ExpressionContext ctx = context(regs, memory, OptionalLong.empty());
        OptionalLong cfa;
        if (row.cfa() instanceof CfaRule.RegisterOffset ro) {
            Long base = regs.get(ro.register());
            cfa = base == null ? OptionalLong.empty() : OptionalLong.of(base + ro.offset());
        } else {
            cfa = evaluator.evaluateAddress(((CfaRule.Expression) row.cfa()).expression(), ctx);
        }
        if (cfa.isEmpty()) return Optional.empty();
        long cfaValue = cfa.getAsLong();
        ctx = context(regs, memory, cfa);
        Map<Integer, Long> caller = new HashMap<>();
        for (int r : CALLEE_SAVED) if (regs.containsKey(r)) caller.put(r, regs.get(r));
        for (Map.Entry<Integer, RegisterRule> e : row.registers().entrySet()) {
            OptionalLong v = recover(e.getValue(), e.getKey(), regs, memory, ctx, cfaValue);
            if (v.isPresent()) caller.put(e.getKey(), v.getAsLong());
            else caller.remove(e.getKey());
        }
        caller.put(RSP, cfaValue);
        int raRegister = row.returnAddressRegister();
        RegisterRule ra = row.rule(raRegister);
        // No rule for a link register (an AArch64 leaf that never saves x30) means it still holds the return address.
        boolean inLink = ra == null && raRegister == LINK;
        if ((ra == null && !inLink) || ra instanceof RegisterRule.Undefined) return Optional.empty(); // outermost frame
        Long returnAddress = inLink ? regs.get(raRegister) : caller.get(raRegister);
        if (returnAddress == null) return Optional.empty();
        caller.put(RIP, returnAddress);
        return Optional.of(caller);
    }

    private OptionalLong recover(RegisterRule rule, int reg, Map<Integer, Long> regs, Memory memory,
                                 ExpressionContext ctx, long cfa) {
        if (rule instanceof RegisterRule.Offset o) return memory.apply(cfa + o.offset(), 8);
        if (rule instanceof RegisterRule.ValOffset o) return OptionalLong.of(cfa + o.offset());
        if (rule instanceof RegisterRule.SameValue) return optional(regs.get(reg));
        if (rule instanceof RegisterRule.InRegister r) return optional(regs.get(r.register()));
        if (rule instanceof RegisterRule.Expression e) {
            OptionalLong at = evaluator.evaluateAddress(e.expression(), ctx, cfa);
            return at.isPresent() ? memory.apply(at.getAsLong(), 8) : OptionalLong.empty();
        }
        if (rule instanceof RegisterRule.ValExpression e) return evaluator.evaluateAddress(e.expression(), ctx, cfa);
        return OptionalLong.empty();
    }

    /**
     * Classic frame layout: [rbp] = caller's rbp, [rbp+8] = return address, caller's rsp = rbp+16 (AArch64's frame
     * record, x29 and x30 stored together where x29 points, has the same shape).
     */
    private static Optional<Step> framePointer(Map<Integer, Long> regs, Memory memory) {
        Long rbp = regs.get(RBP);
        if (rbp == null || rbp == 0) return Optional.empty();
        OptionalLong savedRbp = memory.apply(rbp, 8);
        OptionalLong ra = memory.apply(rbp + 8, 8);
        if (savedRbp.isEmpty() || ra.isEmpty()) return Optional.empty();
        Map<Integer, Long> caller = new HashMap<>();
        for (int r : CALLEE_SAVED) if (regs.containsKey(r)) caller.put(r, regs.get(r));
        caller.put(RBP, savedRbp.getAsLong());
        caller.put(RSP, rbp + 16);
        caller.put(RIP, ra.getAsLong());
        return Optional.of(new Step(caller, true, Optional.empty()));
    }

    /**
     * Before the frame pointer is set up: the return address sits at rsp, or above the pushed rbp; where calls leave it
     * in a link register (AArch64), it is still there and the stack pointer is the caller's.
     */
    private static Optional<Step> frameless(Map<Integer, Long> regs, Memory memory, Prologue prologue) {
        if (LINK >= 0) {
            Long lr = regs.get(LINK), sp = regs.get(RSP);
            if (lr == null || sp == null) return Optional.empty();
            Map<Integer, Long> caller = new HashMap<>();
            for (int r : CALLEE_SAVED) if (regs.containsKey(r)) caller.put(r, regs.get(r));
            caller.put(RSP, sp);
            caller.put(RIP, lr);
            return Optional.of(new Step(caller, true, Optional.empty()));
        }
        Long rsp = regs.get(RSP);
        if (rsp == null) return Optional.empty();
        long raAt = rsp + (prologue.rbpPushed() ? 8 : 0);
        OptionalLong ra = memory.apply(raAt, 8);
        if (ra.isEmpty()) return Optional.empty();
        Map<Integer, Long> caller = new HashMap<>();
        for (int r : CALLEE_SAVED) if (regs.containsKey(r)) caller.put(r, regs.get(r));
        if (prologue.rbpPushed()) {
            OptionalLong rbp = memory.apply(rsp, 8);
            if (rbp.isEmpty()) return Optional.empty();
            caller.put(RBP, rbp.getAsLong());
        }
        caller.put(RSP, raAt + 8);
        caller.put(RIP, ra.getAsLong());
        return Optional.of(new Step(caller, true, Optional.empty()));
    }

    private static OptionalLong optional(Long v) {
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static ExpressionContext context(Map<Integer, Long> regs, Memory memory, OptionalLong cfa) {
        return new ExpressionContext() {
            @Override public OptionalLong register(int r) { return optional(regs.get(r)); }
            @Override public OptionalLong readMemory(long address, int size) { return memory.apply(address, size); }
            @Override public OptionalLong cfa() { return cfa; }
        };
    }
}
