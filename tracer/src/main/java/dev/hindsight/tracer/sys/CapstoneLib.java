package dev.hindsight.tracer.sys;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.arch.X86_64;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct mapping of the few libcapstone 4 calls the disassembler needs. We map it ourselves
 * because the published Java binding never calls {@code cs_free} (every decoded instruction
 * leaked its native {@code cs_insn}) and paid ~25 us per decode copying structures; this costs
 * a few microseconds and frees what Capstone allocates. Layout from capstone.h (4.0): 240 bytes.
 */
public final class CapstoneLib {
    public static final int OPT_SYNTAX = 1, SYNTAX_INTEL = 1, SYNTAX_ATT = 2;
    private static final int INSN_SIZE = 240, ADDRESS = 8, SIZE = 16, BYTES = 18, MNEMONIC = 34, OP_STR = 66;
    private static final int MNEMONIC_LEN = 32, OP_STR_LEN = 160;

    /** One decoded instruction, copied out of Capstone's memory. */
    public record RawInstruction(long address, byte[] bytes, String mnemonic, String operands) {}

    private static volatile Throwable loadFailure;

    static {
        try {
            Native.register(CapstoneLib.class, "capstone");
        } catch (UnsatisfiedLinkError e) {
            // Without the -dev package there is no unversioned name, only the runtime's soname (the
            // arm64 guest's root has just libcapstone4). Capstone 4's: the cs_insn layout here is 4's.
            try {
                Native.register(CapstoneLib.class, "libcapstone.so.4");
            } catch (UnsatisfiedLinkError e4) {
                loadFailure = e;
            }
        }
    }

    private CapstoneLib() {}

    private static native int cs_open(int arch, int mode, long handleOut);

    private static native int cs_option(long handle, int type, long value);

    private static native long cs_disasm(long handle, byte[] code, long size, long address, long count, long insnOut);

    private static native void cs_free(long insn, long count);

    private static native int cs_close(long handleInOut);

    private static native String cs_strerror(int code);

    /** Opens an x86-64 handle; throws with an installation hint when libcapstone is missing. */
    public static long open() {
        return open(X86_64.INSTANCE);
    }

    /** Opens a handle for an architecture's code (its Capstone arch and mode). */
    public static long open(Architecture arch) {
        if (loadFailure != null) {
            throw new IllegalStateException("cannot load libcapstone.so (install libcapstone-dev): " + loadFailure.getMessage());
        }
        NativeBuffer handle = NativeBuffer.allocate(8);
        int rc = cs_open(arch.capstoneArch(), arch.capstoneMode(), handle.address());
        if (rc != 0) throw new IllegalStateException("cs_open failed: " + cs_strerror(rc));
        return handle.getLong(0);
    }

    public static void setSyntax(long handle, boolean intel) {
        int rc = cs_option(handle, OPT_SYNTAX, intel ? SYNTAX_INTEL : SYNTAX_ATT);
        if (rc != 0) throw new IllegalStateException("cs_option failed: " + cs_strerror(rc));
    }

    /** Decodes up to {@code count} instructions from the start of {@code code[0..length)}. */
    public static List<RawInstruction> disasm(long handle, byte[] code, int length, long address, int count, NativeBuffer out) {
        long n = cs_disasm(handle, code, length, address, count, out.address());
        if (n <= 0) return List.of();
        long insns = out.getLong(0);
        try {
            Pointer base = new Pointer(insns);
            List<RawInstruction> result = new ArrayList<>((int) n);
            for (long i = 0; i < n; i++) {
                long at = i * INSN_SIZE;
                int size = base.getShort(at + SIZE) & 0xffff;
                result.add(new RawInstruction(base.getLong(at + ADDRESS), base.getByteArray(at + BYTES, size),
                        cString(base, at + MNEMONIC, MNEMONIC_LEN), cString(base, at + OP_STR, OP_STR_LEN)));
            }
            return result;
        } finally {
            cs_free(insns, n);
        }
    }

    public static void close(long handle) {
        NativeBuffer h = NativeBuffer.allocate(8);
        h.setLong(0, handle);
        cs_close(h.address());
    }

    private static String cString(Pointer base, long offset, int max) {
        byte[] raw = base.getByteArray(offset, max);
        int end = 0;
        while (end < max && raw[end] != 0) end++;
        return new String(raw, 0, end, StandardCharsets.US_ASCII);
    }
}
