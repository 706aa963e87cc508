package dev.hindsight.index.origin;

import dev.hindsight.tracer.effects.OperandDecoder;
import dev.hindsight.tracer.effects.OperandDecoder.Operand;
import dev.hindsight.tracer.effects.OperandDecoder.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one instruction reads and which registers it writes, from its decoded operands (Intel
 * order: the destination first). Built once per pc. The rules are structural and deliberately
 * small: a move's destination is not read, an arithmetic destination is; {@code xor r, r} and
 * friends read nothing (the constant 0); a memory operand's base and index registers are the
 * address, not the data, except for {@code lea}, whose arithmetic they are. Flags are not
 * followed. Memory writes come from the index itself, not from here.
 */
record InstructionFlow(long pc, int length, String mnemonic, List<RegisterName> written, List<Read> reads, boolean syscall) {
    enum Source { REGISTER, MEMORY, CONSTANT }

    /**
     * One input: a register, a memory operand (its address computed at the time the instruction
     * ran; no operand: the stack top a pop reads, or with {@code stackAtRbp} the saved frame
     * pointer leave reads), or a constant. {@code address}: it only formed an address ("address from").
     */
    record Read(Source source, RegisterName register, Operand memory, int size, boolean stackAtRbp, long constant, String note, boolean address) {
        static Read register(RegisterName r, boolean address) { return new Read(Source.REGISTER, r, null, r.width(), false, 0, null, address); }

        static Read constant(long value, String note) { return new Read(Source.CONSTANT, null, null, 8, false, value, note, false); }
    }

    private static final Set<String> FIRST_ONLY_READ = Set.of("cmp", "test", "bt", "push", "pushfq", "call", "ret", "nop",
            "ucomiss", "ucomisd", "comiss", "comisd", "vucomiss", "vucomisd", "vcomiss", "vcomisd", "ptest", "vptest",
            "prefetcht0", "prefetcht1", "prefetcht2", "prefetchnta", "prefetchw", "endbr64", "hlt", "leave", "int3");
    private static final Set<String> MOVES = Set.of("mov", "movabs", "movzx", "movsx", "movsxd", "lea", "movd", "movq",
            "movaps", "movups", "movapd", "movupd", "movdqa", "movdqu", "movss", "movsd", "movsb", "movsw", "movsq",
            "stosb", "stosw", "stosd", "stosq", "lodsb", "lodsw", "lodsd", "lodsq", "pop", "movbe", "movnti", "movntdq",
            "movntps", "movntpd", "xsave", "xsave64", "xsavec", "xsavec64", "xsaveopt", "xsaveopt64", "fxsave", "fxsave64", "movhps", "movlps", "movhpd", "movlpd", "pmovmskb", "movmskps", "movmskpd",
            "vmovd", "vmovq", "vmovaps", "vmovups", "vmovapd", "vmovupd", "vmovdqa", "vmovdqu", "vmovdqa64", "vmovdqu64",
            "vmovdqu8", "vpmovmskb", "vpbroadcastb", "vpbroadcastd", "vpbroadcastq", "pshufd", "vpshufd", "cvttsd2si",
            "cvtsi2sd", "cvtsi2ss", "cvttss2si", "cvtss2sd", "cvtsd2ss", "cvtsi2sdl", "cvtsi2sdq");
    private static final Set<String> ZEROING = Set.of("xor", "sub", "pxor", "xorps", "xorpd", "vpxor", "vxorps", "vxorpd",
            "psubb", "psubd", "psubq", "sbb");
    private static final Set<String> NOT_DATA = Set.of("rip", "eip", "rflags", "eflags", "flags", "cs", "ds", "es", "fs", "gs", "ss",
            "fpsw", "mxcsr");

    static InstructionFlow of(OperandDecoder.Instruction d) {
        String m = d.mnemonic();
        List<Operand> ops = d.operands();
        boolean syscall = m.equals("syscall");
        boolean jump = m.startsWith("j") || m.startsWith("loop");
        // mul/div (and one-operand imul) read their operand and write rax/rdx, named among the implicit writes.
        boolean wide = (m.equals("mul") || m.equals("div") || m.equals("idiv") || m.equals("imul")) && ops.size() == 1;
        boolean firstWritten = !ops.isEmpty() && !jump && !wide && !FIRST_ONLY_READ.contains(m);
        List<RegisterName> written = new ArrayList<>();
        if (firstWritten && ops.get(0).type() == Type.REGISTER) add(written, ops.get(0).register());
        if ((m.equals("xchg") || m.equals("xadd")) && ops.size() > 1 && ops.get(1).type() == Type.REGISTER) add(written, ops.get(1).register());
        for (String r : d.implicitWrites()) add(written, r);
        if (syscall) for (String r : new String[] {"rax", "rcx", "r11"}) add(written, r);

        List<Read> reads = new ArrayList<>();
        if (ZEROING.contains(m) && ops.size() >= 2 && sameRegisters(ops)) {
            reads.add(Read.constant(0, m + " of a register with itself"));
            return new InstructionFlow(d.pc(), d.length(), m, List.copyOf(written), reads, false);
        }
        boolean move = MOVES.contains(m) || m.startsWith("set") || m.startsWith("cvt") || m.startsWith("vcvt")
                || m.equals("imul") && ops.size() == 3;
        List<Read> address = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Operand o = ops.get(i);
            if (i == 0 && (m.equals("call") || jump)) continue; // a target, not data
            boolean dataRead = i > 0 || !firstWritten || !move;
            switch (o.type()) {
                case REGISTER -> {
                    RegisterName r = RegisterName.of(o.register());
                    if (dataRead && r != null) reads.add(Read.register(r, false));
                }
                case IMMEDIATE -> { if (dataRead) reads.add(Read.constant(o.immediate(), null)); }
                case MEMORY -> {
                    boolean lea = m.equals("lea");
                    if (lea) {
                        if (o.displacement() != 0 || o.base() == null && o.index() == null) reads.add(Read.constant(o.displacement(), "displacement"));
                    } else if (dataRead) {
                        reads.add(new Read(Source.MEMORY, null, o, o.size(), false, 0, null, false));
                    }
                    for (String a : new String[] {o.base(), o.index()}) {
                        RegisterName r = RegisterName.of(a);
                        if (r != null) (lea ? reads : address).add(Read.register(r, !lea));
                    }
                }
            }
        }
        boolean stringOp = d.firstOpcodeByte() >= 0xa4 && d.firstOpcodeByte() <= 0xaf;
        if (m.equals("pop")) reads.add(0, new Read(Source.MEMORY, null, null, ops.isEmpty() ? 8 : Math.max(ops.get(0).size(), 2), false, 0, "the stack top", false));
        if (m.equals("leave")) reads.add(new Read(Source.MEMORY, null, null, 8, true, 0, "the saved frame pointer", false));
        if (m.equals("call")) reads.add(Read.constant(d.pc() + d.length(), "the return address"));
        for (String name : d.implicitReads()) {
            RegisterName r = RegisterName.of(name);
            if (r == null || NOT_DATA.contains(name) || m.equals("leave") && r.family() == 19) continue; // leave sets rsp from rbp
            boolean isAddress = r.family() == 19 || stringOp && (r.family() == 13 || r.family() == 14 || r.family() == 11)
                    || m.equals("leave") && r.family() == 4;
            if (isAddress) address.add(Read.register(r, true));
            else reads.add(Read.register(r, false));
        }
        reads.addAll(address);
        // Capstone lists an explicit operand again among the implicit ones (rep stos: rax, rdi, rcx).
        return new InstructionFlow(d.pc(), d.length(), m, List.copyOf(written), reads.stream().distinct().toList(), syscall);
    }

    private static void add(List<RegisterName> out, String name) {
        RegisterName r = RegisterName.of(name);
        if (r != null && !out.contains(r)) out.add(r);
    }

    private static boolean sameRegisters(List<Operand> ops) {
        String first = ops.get(0).register();
        if (first == null) return false;
        for (Operand o : ops) if (o.type() != Type.REGISTER || !first.equals(o.register())) return false;
        return true;
    }

    /** The register of this instruction's writes that overlaps {@code r}, or null. */
    RegisterName writes(RegisterName r) {
        for (RegisterName w : written) if (w.written().overlaps(r)) return w;
        return null;
    }
}
