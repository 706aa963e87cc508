package dev.hindsight.tracer.effects;

/**
 * Capstone 4's x86 register ids (x86.h's {@code x86_reg}) as this package needs them: where an
 * address register lives in the kernel's {@code user_regs_struct} order, and which registers are
 * x87/MMX/vector state.
 */
final class Registers64 {
    /** Indices into {@code Registers.raw()} (kernel order). */
    static final int R15 = 0, R14 = 1, R13 = 2, R12 = 3, RBP = 4, RBX = 5, R11 = 6, R10 = 7, R9 = 8, R8 = 9, RAX = 10,
            RCX = 11, RDX = 12, RSI = 13, RDI = 14, RIP = 16, EFLAGS = 18, RSP = 19, FS_BASE = 21, GS_BASE = 22;
    /** Pseudo-indices for address registers that are not in the register file. */
    static final int NONE = -1, PC = -2;
    /** Capstone ids of the segment registers that have a base in 64-bit mode. */
    static final int CS_FS = 32, CS_GS = 33;

    private static final int[] KERNEL_INDEX = new int[256];
    private static final int[] WIDE_INDEX = new int[256];

    static {
        java.util.Arrays.fill(KERNEL_INDEX, NONE);
        // 64-bit: rax 35, rbp 36, rbx 37, rcx 38, rdi 39, rdx 40, rip 41, riz 42, rsi 43, rsp 44, r8..r15 106..113
        map(35, RAX); map(36, RBP); map(37, RBX); map(38, RCX); map(39, RDI); map(40, RDX); map(41, PC); map(43, RSI);
        map(44, RSP);
        // 32-bit (0x67 address size): eax 19, ebp 20, ebx 21, ecx 22, edi 23, edx 24, eip 26, esi 29, esp 30, r8d..r15d 226..233
        map(19, RAX); map(20, RBP); map(21, RBX); map(22, RCX); map(23, RDI); map(24, RDX); map(26, PC); map(29, RSI);
        map(30, RSP);
        int[] high = {R8, R9, R10, R11, R12, R13, R14, R15};
        for (int i = 0; i < 8; i++) {
            map(106 + i, high[i]);
            map(226 + i, high[i]);
        }
        // riz 42 / eiz 27 mean "no index": NONE.
        System.arraycopy(KERNEL_INDEX, 0, WIDE_INDEX, 0, 256);
        // 16-bit, only as bit-offset operands: ax 3, bp 6, bx 8, cx 12, di 14, dx 18, si 45, sp 47, r8w..r15w 234..241
        int[][] words = {{3, RAX}, {6, RBP}, {8, RBX}, {12, RCX}, {14, RDI}, {18, RDX}, {45, RSI}, {47, RSP}};
        for (int[] w : words) WIDE_INDEX[w[0]] = w[1];
        for (int i = 0; i < 8; i++) WIDE_INDEX[234 + i] = high[i];
        WIDE_INDEX[41] = WIDE_INDEX[26] = NONE;
    }

    /** Kernel-order index of a 16/32/64-bit general register, or {@link #NONE}. */
    static int generalRegister(int capstoneId) {
        return capstoneId >= 0 && capstoneId < WIDE_INDEX.length ? WIDE_INDEX[capstoneId] : NONE;
    }

    private Registers64() {}

    private static final int[] STORED_INDEX = new int[256];

    static {
        System.arraycopy(WIDE_INDEX, 0, STORED_INDEX, 0, 256);
        // 8-bit low halves: al 2, bl 5, cl 10, dl 16, sil 46, dil 15, bpl 7, spl 48, r8b..r15b 218..225
        // (ah 1, bh 4, ch 9, dh 13 are bits 8..15 of theirs: left out, read back)
        int[][] bytes = {{2, RAX}, {5, RBX}, {10, RCX}, {16, RDX}, {46, RSI}, {15, RDI}, {7, RBP}, {48, RSP}};
        for (int[] b : bytes) STORED_INDEX[b[0]] = b[1];
        int[] high = {R8, R9, R10, R11, R12, R13, R14, R15};
        for (int i = 0; i < 8; i++) STORED_INDEX[218 + i] = high[i];
    }

    /**
     * Kernel-order index of a general register whose value, from its lowest byte up, is the
     * register's low bytes (8/16/32/64-bit, not ah..dh), or {@link #NONE}.
     */
    static int storedRegister(int capstoneId) {
        return capstoneId >= 0 && capstoneId < STORED_INDEX.length ? STORED_INDEX[capstoneId] : NONE;
    }

    private static void map(int capstoneId, int kernelIndex) {
        KERNEL_INDEX[capstoneId] = kernelIndex;
    }

    /** Kernel-order index of an address register, {@link #PC} for rip/eip, {@link #NONE} for none/riz. */
    static int addressRegister(int capstoneId) {
        return capstoneId >= 0 && capstoneId < KERNEL_INDEX.length ? KERNEL_INDEX[capstoneId] : NONE;
    }

    /** fpsw 31, fp0-7 82-89, k0-7 90-97, mm0-7 98-105, st(0-7) 114-121, xmm/ymm/zmm 122-217. */
    static boolean isFpOrVector(int id) {
        return id == 31 || (id >= 82 && id <= 217);
    }

    static boolean isMmx(int id) {
        return id >= 98 && id <= 105;
    }

    static boolean isVector(int id) {
        return id >= 122 && id <= 217;
    }

    /** General-purpose registers of every width (not segment, flags, ip or control registers). */
    static boolean isGeneral(int id) {
        return id >= 0 && id < GENERAL.length && GENERAL[id];
    }

    private static final boolean[] GENERAL = new boolean[256];

    static {
        int[] ids = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 18, 19, 20, 21, 22, 23, 24, 29, 30, 35, 36, 37, 38,
                39, 40, 43, 44, 45, 46, 47, 48};
        for (int id : ids) GENERAL[id] = true;
        for (int id = 106; id <= 113; id++) GENERAL[id] = true;
        for (int id = 218; id <= 241; id++) GENERAL[id] = true;
    }
}
