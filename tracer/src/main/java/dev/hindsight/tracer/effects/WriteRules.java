package dev.hindsight.tracer.effects;

import dev.hindsight.tracer.effects.InstructionPlan.Write;
import java.util.Set;

/**
 * Decides, once per decoded instruction, what it writes, its kind and whether it can touch FP
 * state. Capstone 4's operand access flags are unreliable for stores, so the rule is structural:
 * on x86 the destination is the first operand (Intel order), hence a memory first operand is
 * written unless the instruction only reads it (the short {@link #READS_FIRST_OPERAND} list);
 * implicit writes (stack, string, xsave, maskmov) are named. Claiming a write that leaves the
 * bytes unchanged is harmless; missing one is not, so doubt resolves towards "written", and what
 * cannot be modelled is {@link Write#UNKNOWN}, never silence.
 */
final class WriteRules {
    private static final int GROUP_CALL = 2, GROUP_RET = 3, GROUP_IRET = 5, GROUP_FPU = 169;
    /** Capstone 4 groups of x87, MMX, SSE, AVX and friends (x86.h X86_GRP_*). */
    private static final Set<Integer> FP_GROUPS = Set.of(129 /* 3DNOW */, 130 /* AES */, 132, 133, 134 /* AVX, AVX2, AVX512 */,
            138 /* F16C */, 139, 140 /* FMA, FMA4 */, 143 /* MMX */, 147 /* SHA */, 148, 149, 150, 151, 152, 153, 154 /* SSE1..SSSE3 */,
            155 /* PCLMUL */, 156 /* XOP */, 157, 158 /* CDI, ERI */, 163, 164, 165, 166 /* DQI, BWI, PFI, VLX */, 169 /* FPU */);

    private static final Set<String> STACK_WRITERS = Set.of("push", "pushf", "pushfq", "pushfw", "call", "lcall");
    private static final Set<String> READS_FIRST_OPERAND = Set.of("cmp", "test", "bt", "jmp", "ljmp", "nop", "prefetch",
            "prefetcht0", "prefetcht1", "prefetcht2", "prefetchnta", "prefetchw", "prefetchwt1", "clflush", "clflushopt",
            "clwb", "cldemote", "bound", "verr", "verw", "lgdt", "lidt", "lldt", "ltr", "lmsw", "invlpg", "fxrstor",
            "fxrstor64", "xrstor", "xrstor64", "xrstors", "xrstors64", "ldmxcsr", "vldmxcsr", "fldcw", "fldenv", "frstor",
            "ptwrite", "bndcl", "bndcu", "bndcn", "bndldx", "umonitor", "lea");
    /** x87 (and friends) that store; every other x87 memory operand is a source. Sizes Capstone gets wrong are fixed. */
    private static final Set<String> X87_STORES = Set.of("fst", "fstp", "fist", "fistp", "fisttp", "fbstp", "fnstcw",
            "fnstsw", "fnstenv", "fnsave", "fstcw", "fstsw", "fstenv", "fsave");
    /** Instructions whose writes are not modelled: vector-indexed, or to an address in a register operand. */
    private static final Set<String> UNMODELLED = Set.of("movdir64b", "enqcmd", "enqcmds", "bndstx", "clzero", "xsaves",
            "xsaves64", "tilestored", "wrssd", "wrssq", "wrussd", "wrussq", "vp2intersectd");
    private static final Set<String> PURE_FP_STORES = Set.of("fnstcw", "fnstsw", "fstcw", "fstsw", "fxsave", "fxsave64",
            "xsave", "xsave64", "xsavec", "xsavec64", "xsaveopt", "xsaveopt64", "stmxcsr", "vstmxcsr");
    private static final Set<String> FP_SPECIAL = Set.of("fxrstor", "fxrstor64", "xrstor", "xrstor64", "xrstors",
            "xrstors64", "ldmxcsr", "vldmxcsr", "emms", "femms", "vzeroupper", "vzeroall");

    private WriteRules() {}

    static InstructionPlan plan(Decoded d) {
        String m = d.mnemonic();
        InstructionKind kind = d.inGroup(GROUP_CALL) ? InstructionKind.CALL
                : d.inGroup(GROUP_RET) || d.inGroup(GROUP_IRET) ? InstructionKind.RETURN
                : m.equals("syscall") || m.equals("sysenter") ? InstructionKind.SYSCALL : InstructionKind.OTHER;
        Decoded.Operand[] ops = d.operands();
        Decoded.Operand first = ops.length > 0 ? ops[0] : null;
        boolean firstIsMemory = first != null && first.isMemory();
        int opcode = d.firstOpcodeByte();
        Write write;
        int size = 0, rspAdjust = 0, bitOffsetRegister = Registers64.NONE, bitOffsetWidth = 0;
        Decoded.Operand memory = null;
        String unknown = null;
        if (opcode == 0xa4 || opcode == 0xa5 || opcode == 0xaa || opcode == 0xab || opcode == 0x6c || opcode == 0x6d) {
            write = Write.STRING;
            size = elementSize(m);
        } else if (opcode == 0xa6 || opcode == 0xa7 || opcode == 0xae || opcode == 0xaf || opcode == 0xac || opcode == 0xad
                || opcode == 0x6e || opcode == 0x6f) {
            write = Write.NONE; // cmps, scas, lods, outs only read
        } else if (STACK_WRITERS.contains(m)) {
            write = Write.STACK;
        } else if (m.equals("enter")) {
            write = Write.ENTER;
            int level = (int) (ops[1].displacement() & 31);
            size = level == 0 ? 8 : 8 * (level + 1);
        } else if (m.equals("maskmovq") || m.equals("maskmovdqu") || m.equals("vmaskmovdqu")) {
            write = Write.AT_RDI;
            size = m.equals("maskmovq") ? 8 : 16;
        } else if (UNMODELLED.contains(m) || m.startsWith("vpscatter") || m.startsWith("vscatter")) {
            write = Write.UNKNOWN;
            unknown = m + " at 0x" + Long.toHexString(d.address()) + " writes memory in a way the tracker does not model";
        } else if (m.equals("xsave") || m.equals("xsave64") || m.equals("xsaveopt") || m.equals("xsaveopt64")) {
            write = Write.XSAVE_STANDARD;
            memory = first;
        } else if (m.equals("xsavec") || m.equals("xsavec64")) {
            write = Write.XSAVE_COMPACT;
            memory = first;
        } else if (m.equals("fxsave") || m.equals("fxsave64")) {
            write = Write.OPERAND;
            memory = first;
            size = 512;
        } else if (X87_STORES.contains(m)) {
            write = firstIsMemory ? Write.OPERAND : Write.NONE; // fnstsw ax, fst st(1)
            memory = firstIsMemory ? first : null;
            size = firstIsMemory ? x87StoreSize(m, first.size()) : 0;
        } else if (d.inGroup(GROUP_FPU) || isX87(d) || READS_FIRST_OPERAND.contains(m)) {
            write = Write.NONE;
        } else if (m.equals("xchg") || m.equals("xadd")) {
            memory = firstMemory(ops);
            write = memory != null ? Write.OPERAND : Write.NONE;
            size = memory != null ? memory.size() : 0;
        } else if (firstIsMemory) {
            write = Write.OPERAND;
            memory = first;
            size = first.size();
            if (m.equals("pop")) rspAdjust = size;
            if ((m.equals("bts") || m.equals("btr") || m.equals("btc")) && ops.length > 1 && ops[1].isRegister()) {
                bitOffsetRegister = Registers64.generalRegister(ops[1].register());
                bitOffsetWidth = ops[1].size() * 8;
            }
        } else {
            write = Write.NONE;
        }
        if (memory != null && Registers64.isVector(memory.index())) {
            write = Write.UNKNOWN; // a vector-indexed (VSIB) store is a scatter
            unknown = m + " at 0x" + Long.toHexString(d.address()) + " stores through a vector index";
        }
        if (write == Write.OPERAND && size <= 0) {
            write = Write.UNKNOWN;
            unknown = m + " at 0x" + Long.toHexString(d.address()) + " stores an operand of unknown size";
        }
        InstructionPlan plan = new InstructionPlan(d, kind, fpStateMayChange(d, kind, write), write, size, memory, rspAdjust, unknown,
                bitOffsetRegister, bitOffsetWidth);
        valueSource(d, plan);
        return plan;
    }

    /**
     * The stores whose bytes the encoding names, so they need not be read back: {@code mov} to
     * memory from a general register (88/89) or an immediate (c6/c7; the SDM: imm32 sign-extended
     * to 64 bits), {@code push} of a 64-bit register (rsp pushes its value before the push, SDM
     * PUSH), and {@code call}'s return address (the next instruction). Everything else (ALU
     * read-modify-write, vector and x87 stores, ah..dh, push of memory or flags) is read back.
     */
    static void valueSource(Decoded d, InstructionPlan plan) {
        Decoded.Operand[] ops = d.operands();
        String m = d.mnemonic();
        int opcode = d.firstOpcodeByte();
        if (plan.write == Write.OPERAND && m.equals("mov") && ops.length == 2 && ops[0].isMemory()) {
            if ((opcode == 0x88 || opcode == 0x89) && ops[1].isRegister() && ops[1].size() == plan.size) {
                int r = Registers64.storedRegister(ops[1].register());
                if (r != Registers64.NONE) {
                    plan.value = InstructionPlan.Value.REGISTER;
                    plan.valueRegister = r;
                }
            } else if ((opcode == 0xc6 || opcode == 0xc7) && ops[1].type() == Decoded.Operand.IMMEDIATE) {
                long imm = ops[1].displacement();
                plan.value = InstructionPlan.Value.IMMEDIATE;
                plan.valueImmediate = plan.size == 8 ? (long) (int) imm : imm; // only the low size bytes are stored
            }
        } else if (plan.write == Write.STACK && m.equals("push") && ops.length == 1 && ops[0].isRegister() && ops[0].size() == 8) {
            int r = Registers64.storedRegister(ops[0].register());
            if (r != Registers64.NONE) {
                plan.value = InstructionPlan.Value.REGISTER;
                plan.valueRegister = r;
            }
        } else if (plan.write == Write.STACK && m.equals("call")) {
            plan.value = InstructionPlan.Value.NEXT_PC;
        }
    }

    /** The x87 escape opcodes d8-df; Capstone 4 leaves some (fldl2e, fnstcw) out of its FPU group. */
    private static boolean isX87(Decoded d) {
        int op = d.firstOpcodeByte();
        return op >= 0xd8 && op <= 0xdf;
    }

    private static int elementSize(String m) {
        return switch (m.charAt(m.length() - 1)) {
            case 'w' -> 2;
            case 'd' -> 4;
            case 'q' -> 8;
            default -> 1;
        };
    }

    /** Capstone 4 says 4 bytes for fnstsw m16 and fnsave; the SDM says 2 and 108 (64-bit mode, 32-bit operand size). */
    private static int x87StoreSize(String m, int capstoneSize) {
        return switch (m) {
            case "fnstsw", "fstsw", "fnstcw", "fstcw" -> 2;
            case "fnsave", "fsave" -> 108;
            case "fnstenv", "fstenv" -> 28;
            default -> capstoneSize;
        };
    }

    private static Decoded.Operand firstMemory(Decoded.Operand[] ops) {
        for (Decoded.Operand op : ops) if (op.isMemory()) return op;
        return null;
    }

    /**
     * False only when the instruction provably leaves the fxsave image and the upper ymm halves
     * alone: it touches no x87/MMX/vector register and is in no FP group, or it only copies vector
     * state out (a store to memory or a move to a general register) without converting (a
     * conversion or comparison may raise MXCSR flags). Any MMX use marks the x87 tags valid, any
     * x87 instruction updates the last-instruction pointer, and a system call may be sigreturn.
     */
    private static boolean fpStateMayChange(Decoded d, InstructionKind kind, Write write) {
        String m = d.mnemonic();
        if (kind == InstructionKind.SYSCALL) return true;
        if (PURE_FP_STORES.contains(m)) return false;
        if (FP_SPECIAL.contains(m) || d.inGroup(GROUP_FPU) || isX87(d)) return true;
        boolean fpRegister = false, mmx = false;
        for (Decoded.Operand op : d.operands()) {
            if (op.isRegister() && Registers64.isFpOrVector(op.register())) fpRegister = true;
            if (op.isRegister() && Registers64.isMmx(op.register())) mmx = true;
        }
        for (int r : d.registersWritten()) if (Registers64.isFpOrVector(r)) fpRegister = true;
        for (int r : d.registersRead()) if (Registers64.isMmx(r)) mmx = true;
        boolean fpGroup = false;
        for (int g : d.groups()) if (FP_GROUPS.contains(g)) fpGroup = true;
        if (!fpRegister && !fpGroup) return false;
        if (mmx || m.contains("cvt") || m.matches("v?u?comis[sd]")) return true;
        Decoded.Operand first = d.operands().length > 0 ? d.operands()[0] : null;
        if (first == null) return true;
        if (first.isMemory() && write == Write.OPERAND) return false;
        return !(first.isRegister() && Registers64.isGeneral(first.register()));
    }
}
