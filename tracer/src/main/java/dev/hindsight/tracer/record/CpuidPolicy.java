package dev.hindsight.tracer.record;

/**
 * The CPU a recorded program is shown: the real CPU's answer to CPUID, with the feature bits
 * limited to an allowlist (every feature except the ones that would make a run unrepeatable:
 * RDRAND and RDSEED, whose results no trap reveals, and TSX's HLE/RTM, whose aborts depend on
 * the machine's cache). The replayer checks that its machine has every feature the recording
 * showed ({@link #missingOn}).
 */
public final class CpuidPolicy {
    /** Leaf 1 ecx: bit 30 RDRAND. */
    static final long LEAF1_ECX_ALLOWED = ~(1L << 30) & 0xffffffffL;
    /** Leaf 7.0 ebx: bit 4 HLE, bit 11 RTM, bit 18 RDSEED. */
    static final long LEAF7_EBX_ALLOWED = ~((1L << 4) | (1L << 11) | (1L << 18)) & 0xffffffffL;

    private CpuidPolicy() {}

    /** The answer presented for (eax, ecx) given the real one: {eax, ebx, ecx, edx}. */
    static long[] present(long leaf, long subleaf, long[] real) {
        long[] r = real.clone();
        if (leaf == 1) r[2] &= LEAF1_ECX_ALLOWED;
        if (leaf == 7 && subleaf == 0) r[1] &= LEAF7_EBX_ALLOWED;
        return r;
    }

    /** Names the feature registers (leaf 1 ecx/edx, leaf 7.0 ebx/ecx/edx) where {@code presented} has a bit {@code real} lacks; null if none. */
    public static String missingOn(long[] presented1, long[] real1, long[] presented7, long[] real7) {
        String[] names1 = {null, null, "leaf 1 ecx", "leaf 1 edx"};
        String[] names7 = {null, "leaf 7 ebx", "leaf 7 ecx", "leaf 7 edx"};
        for (int i = 2; i < 4; i++) {
            if (presented1 != null && (presented1[i] & ~real1[i]) != 0) return names1[i] + String.format(" bits 0x%x", presented1[i] & ~real1[i]);
        }
        for (int i = 1; i < 4; i++) {
            if (presented7 != null && (presented7[i] & ~real7[i]) != 0) return names7[i] + String.format(" bits 0x%x", presented7[i] & ~real7[i]);
        }
        return null;
    }
}
