package dev.hindsight.tracer.effects;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.hindsight.tracer.sys.NativeBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Capstone 4 with detail on: operands, groups and implicit registers of one instruction. Its own
 * handle and mapping (the disassembler's text-only path must not pay for details). Layouts from
 * capstone.h 4.0 (checked with offsetof): cs_insn 240 bytes with the detail pointer at 232;
 * cs_detail's x86 part at 80; cs_x86_op 48 bytes. Capstone's per-operand read/write flags are
 * wrong for many stores in 4.0 ({@code movups}, {@code fst}, {@code cmpxchg} say "read"), so
 * {@link WriteRules} decides what is written and this class only reports the structure.
 */
final class DetailDecoder implements AutoCloseable {
    private static final int OPT_DETAIL = 2, OPT_ON = 3;
    private static final int ID = 0, SIZE = 16, BYTES = 18, MNEMONIC = 34, DETAIL = 232;
    private static final int REGS_READ = 0, REGS_READ_COUNT = 24, REGS_WRITE = 26, REGS_WRITE_COUNT = 66,
            GROUPS = 67, GROUPS_COUNT = 75, X86 = 80;
    private static final int X86_PREFIX = 0, X86_OPCODE = 4, X86_ADDR_SIZE = 9, X86_OP_COUNT = 64, X86_OPERANDS = 72;
    private static final int OP_SIZE = 48, OP_TYPE = 0, OP_REG = 8, OP_MEM_SEGMENT = 8, OP_MEM_BASE = 12,
            OP_MEM_INDEX = 16, OP_MEM_SCALE = 20, OP_MEM_DISP = 24, OP_BYTES = 32;

    private static volatile Throwable loadFailure;

    static {
        try {
            Native.register(DetailDecoder.class, "capstone");
        } catch (UnsatisfiedLinkError e) {
            loadFailure = e;
        }
    }

    private static native int cs_open(int arch, int mode, long handleOut);

    private static native int cs_option(long handle, int type, long value);

    private static native long cs_disasm(long handle, byte[] code, long size, long address, long count, long insnOut);

    private static native void cs_free(long insn, long count);

    private static native int cs_close(long handleInOut);

    private final long handle;
    private final NativeBuffer out = NativeBuffer.allocate(8);
    private boolean closed;

    DetailDecoder() {
        if (loadFailure != null) {
            throw new IllegalStateException("cannot load libcapstone.so (install libcapstone-dev): " + loadFailure.getMessage());
        }
        NativeBuffer h = NativeBuffer.allocate(8);
        if (cs_open(3 /* X86 */, 8 /* 64-bit */, h.address()) != 0) throw new IllegalStateException("cs_open failed");
        handle = h.getLong(0);
        if (cs_option(handle, OPT_DETAIL, OPT_ON) != 0) throw new IllegalStateException("cs_option(DETAIL) failed");
    }

    /** Decodes the instruction at the start of {@code code[0..length)}; null if it does not decode. */
    Decoded decode(byte[] code, int length, long address) {
        if (closed) throw new IllegalStateException("decoder is closed");
        long n = cs_disasm(handle, code, length, address, 1, out.address());
        if (n <= 0) return null;
        long insn = out.getLong(0);
        try {
            return copy(new Pointer(insn), address);
        } finally {
            cs_free(insn, n);
        }
    }

    private static Decoded copy(Pointer insn, long address) {
        int size = insn.getShort(SIZE) & 0xffff;
        byte[] bytes = insn.getByteArray(BYTES, size);
        String mnemonic = cString(insn.getByteArray(MNEMONIC, 32));
        Pointer d = insn.getPointer(DETAIL);
        int[] read = shorts(d, REGS_READ, d.getByte(REGS_READ_COUNT) & 0xff);
        int[] written = shorts(d, REGS_WRITE, d.getByte(REGS_WRITE_COUNT) & 0xff);
        byte[] groupBytes = d.getByteArray(GROUPS, d.getByte(GROUPS_COUNT) & 0xff);
        int[] groups = new int[groupBytes.length];
        for (int i = 0; i < groups.length; i++) groups[i] = groupBytes[i] & 0xff;
        Pointer x = d.share(X86);
        byte[] prefixes = x.getByteArray(X86_PREFIX, 4);
        byte[] opcode = x.getByteArray(X86_OPCODE, 4);
        int addressSize = x.getByte(X86_ADDR_SIZE) & 0xff;
        int count = x.getByte(X86_OP_COUNT) & 0xff;
        Decoded.Operand[] ops = new Decoded.Operand[count];
        for (int i = 0; i < count; i++) {
            Pointer op = x.share(X86_OPERANDS + (long) i * OP_SIZE);
            int type = op.getInt(OP_TYPE);
            int opBytes = op.getByte(OP_BYTES) & 0xff;
            ops[i] = type == Decoded.Operand.MEMORY
                    ? new Decoded.Operand(type, 0, op.getInt(OP_MEM_SEGMENT), op.getInt(OP_MEM_BASE), op.getInt(OP_MEM_INDEX),
                            op.getInt(OP_MEM_SCALE), op.getLong(OP_MEM_DISP), opBytes)
                    : new Decoded.Operand(type, type == Decoded.Operand.REGISTER ? op.getInt(OP_REG) : 0, 0, 0, 0, 0,
                            type == Decoded.Operand.IMMEDIATE ? op.getLong(OP_REG) : 0, opBytes);
        }
        String opcodeName = mnemonic.substring(mnemonic.lastIndexOf(' ') + 1);
        return new Decoded(address, bytes, opcodeName, prefixes, opcode, addressSize, groups, read, written, ops);
    }

    private static int[] shorts(Pointer p, long offset, int count) {
        int[] r = new int[count];
        for (int i = 0; i < count; i++) r[i] = p.getShort(offset + 2L * i) & 0xffff;
        return r;
    }

    private static String cString(byte[] raw) {
        int end = 0;
        while (end < raw.length && raw[end] != 0) end++;
        return new String(raw, 0, end, StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        NativeBuffer h = NativeBuffer.allocate(8);
        h.setLong(0, handle);
        cs_close(h.address());
    }
}
