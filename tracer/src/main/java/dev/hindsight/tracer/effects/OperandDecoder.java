package dev.hindsight.tracer.effects;

import com.sun.jna.Native;
import dev.hindsight.tracer.sys.NativeBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The public face of {@link DetailDecoder} for data-flow questions (the index's value-origin
 * engine): one instruction's explicit operands in Intel order (destination first) and its
 * implicit register reads and writes, with Capstone's register names ({@code "eax"},
 * {@code "xmm0"}) instead of its ids, plus what {@link WriteRules} says it stores to memory.
 * Thread-safe (one decoder behind a lock).
 */
public final class OperandDecoder {
    /** An explicit operand: a register ({@code register}), an immediate ({@code immediate}) or memory (segment/base/index/scale/displacement). */
    public record Operand(Type type, String register, long immediate, String segment, String base, String index, int scale,
                          long displacement, int size) {}

    public enum Type { REGISTER, IMMEDIATE, MEMORY }

    /** {@code storesFirstOperand}: WriteRules' verdict that the first (memory) operand is written. */
    public record Instruction(long pc, int length, String mnemonic, int firstOpcodeByte, List<Operand> operands,
                              List<String> implicitReads, List<String> implicitWrites, boolean storesFirstOperand) {}

    private static final String[] NAMES = names();
    private static DetailDecoder decoder;

    private OperandDecoder() {}

    /** Decodes the instruction at the start of {@code code}; null if the bytes do not decode. */
    public static synchronized Instruction decode(byte[] code, long pc) {
        if (decoder == null) decoder = new DetailDecoder();
        Decoded d = decoder.decode(code, code.length, pc);
        if (d == null) return null;
        List<Operand> ops = new ArrayList<>();
        for (Decoded.Operand o : d.operands()) {
            Type type = o.type() == Decoded.Operand.REGISTER ? Type.REGISTER : o.type() == Decoded.Operand.IMMEDIATE ? Type.IMMEDIATE : Type.MEMORY;
            ops.add(type == Type.MEMORY
                    ? new Operand(type, null, 0, name(o.segment()), name(o.base()), name(o.index()), o.scale(), o.displacement(), o.size())
                    : new Operand(type, type == Type.REGISTER ? name(o.register()) : null, o.displacement(), null, null, null, 0, 0, o.size()));
        }
        InstructionPlan plan = WriteRules.plan(d);
        return new Instruction(pc, d.length(), d.mnemonic(), d.firstOpcodeByte(), List.copyOf(ops), names(d.registersRead()),
                names(d.registersWritten()), plan.write == InstructionPlan.Write.OPERAND);
    }

    private static List<String> names(int[] ids) {
        List<String> out = new ArrayList<>();
        for (int id : ids) if (name(id) != null) out.add(name(id));
        return List.copyOf(out);
    }

    private static String name(int id) { return id > 0 && id < NAMES.length ? NAMES[id] : null; }

    // Capstone's own names for its register ids, read once through a plain (detail-less) handle.
    private static native int cs_open(int arch, int mode, long handleOut);

    private static native String cs_reg_name(long handle, int reg);

    private static native int cs_close(long handleInOut);

    private static String[] names() {
        Native.register(OperandDecoder.class, "capstone");
        NativeBuffer h = NativeBuffer.allocate(8);
        if (cs_open(3 /* X86 */, 8 /* 64-bit */, h.address()) != 0) throw new IllegalStateException("cs_open failed");
        String[] names = new String[256];
        for (int i = 1; i < names.length; i++) names[i] = cs_reg_name(h.getLong(0), i);
        cs_close(h.address());
        return names;
    }
}
