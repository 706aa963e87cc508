package dev.hindsight.mi.commands;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What of an AArch64 CPU and kernel gdb's target description follows, which decides gdb's register
 * numbers ({@link Aarch64RegisterTable}): SVE ({@code HWCAP_SVE}), pointer authentication
 * ({@code HWCAP_PACA}), MTE ({@code HWCAP2_MTE}), as gdb's aarch64-linux-nat reads them from the
 * auxiliary vector, and how many registers the kernel's {@code NT_ARM_TLS} holds (gdb asks the
 * regset's size: tpidr alone, or tpidr and tpidr2 on kernels whose regset has SME's tpidr2, which
 * it has whether or not the CPU has SME; 6.1 in the arm64 guest).
 */
record Aarch64Features(boolean sve, int tlsRegisters, boolean pauth, boolean mte) {
    private static final int AT_HWCAP = 16, AT_HWCAP2 = 26;
    private static final long HWCAP_SVE = 1L << 22, HWCAP_PACA = 1L << 30, HWCAP2_MTE = 1L << 18;

    /** gdb's description of an aarch64 executable without a process: the core and FP/SIMD registers. */
    static final Aarch64Features NO_PROCESS = new Aarch64Features(false, 0, false, false);

    private static volatile Aarch64Features host;

    /** This machine's (the debugged programs run here): from this process's auxiliary vector and the kernel's version. */
    static Aarch64Features host() {
        Aarch64Features h = host;
        if (h == null) host = h = of(readAuxv(), System.getProperty("os.version", ""));
        return h;
    }

    /** From an auxiliary vector's bytes ({@code /proc/PID/auxv}) and {@code uname -r}. */
    static Aarch64Features of(byte[] auxv, String kernelRelease) {
        long hwcap = 0, hwcap2 = 0;
        ByteBuffer b = ByteBuffer.wrap(auxv).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= 16) {
            long type = b.getLong(), value = b.getLong();
            if (type == AT_HWCAP) hwcap = value;
            if (type == AT_HWCAP2) hwcap2 = value;
        }
        return new Aarch64Features((hwcap & HWCAP_SVE) != 0, tpidr2In(kernelRelease) ? 2 : 1, (hwcap & HWCAP_PACA) != 0,
                (hwcap2 & HWCAP2_MTE) != 0);
    }

    /** NT_ARM_TLS grew tpidr2 with SME's ptrace support (Linux 5.19). */
    private static boolean tpidr2In(String release) {
        String[] v = release.split("[.-]");
        try {
            int major = Integer.parseInt(v[0]), minor = v.length > 1 ? Integer.parseInt(v[1]) : 0;
            return major > 5 || major == 5 && minor >= 19;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static byte[] readAuxv() {
        try {
            return Files.readAllBytes(Path.of("/proc/self/auxv"));
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
