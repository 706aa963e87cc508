package dev.hindsight.tracer.effects;

import static dev.hindsight.tracer.effects.Registers64.*;

/**
 * What one decoded instruction writes, as a recipe evaluated against the registers around each
 * execution: no decoding, no allocation. Built by {@link WriteRules}; cached per pc.
 */
final class InstructionPlan {
    enum Write {
        NONE,
        /** An explicit memory operand: {@code mov}, read-modify-write ALU ops, SSE/AVX/x87 stores, fxsave. */
        OPERAND,
        /** push, pushf, call: [rsp after, rsp before). */
        STACK,
        /** enter: rbp, the copied frame pointers and the frame temp below rsp. */
        ENTER,
        /** stos, movs, ins: one element at rdi when rdi moved (a rep with rcx=0 writes nothing). */
        STRING,
        /** maskmovq / (v)maskmovdqu: the bytes at rdi that the mask selects (reported whole). */
        AT_RDI,
        /** xsave, xsaveopt: standard layout up to the highest requested component. */
        XSAVE_STANDARD,
        /** xsavec: compacted layout of the requested components. */
        XSAVE_COMPACT,
        /** Writes memory in a way not modelled; {@link #unknown} says which. */
        UNKNOWN
    }

    final long pc;
    final byte[] bytes;
    final String mnemonic;
    final InstructionKind kind;
    final boolean fpStateChanged;
    final Write write;
    final int size;
    final String unknown;
    // The memory operand, for OPERAND: ea = segment base + base + index*scale + displacement (+ rsp adjustment).
    final int segmentBase, base, index, scale;
    final long displacement;
    final boolean address32;
    /** pop to memory computes its address with rsp already incremented by this much. */
    final int rspAdjust;
    /**
     * bts/btr/btc with a register bit offset address a bit string: the operand written is
     * {@code size} bytes at ea + (signed offset / (8*size)) * size. Kernel index and width of that register.
     */
    final int bitOffsetRegister, bitOffsetWidth;
    /**
     * Where the bytes written come from, when the instruction itself says (a register, an
     * immediate, the return address): the tracker then builds them from the registers before the
     * step instead of reading memory back, a system call saved per store. {@link Value#MEMORY}:
     * read them back. Set by {@link WriteRules#valueSource}.
     */
    enum Value { MEMORY, REGISTER, IMMEDIATE, NEXT_PC }

    Value value = Value.MEMORY;
    /** For {@link Value#REGISTER}: its kernel index (the low {@link #size} bytes are stored). */
    int valueRegister = NONE;
    /** For {@link Value#IMMEDIATE}: the value, already extended to the operand size. */
    long valueImmediate;
    /** Bumped by the tracker's code epoch when the bytes at pc were last confirmed. */
    long confirmedEpoch;

    InstructionPlan(Decoded d, InstructionKind kind, boolean fp, Write write, int size, Decoded.Operand memory,
                    int rspAdjust, String unknown, int bitOffsetRegister, int bitOffsetWidth) {
        this.pc = d.address();
        this.bytes = d.bytes();
        this.mnemonic = d.mnemonic();
        this.kind = kind;
        this.fpStateChanged = fp;
        this.write = write;
        this.size = size;
        this.unknown = unknown;
        this.address32 = d.addressSize() == 4;
        this.rspAdjust = rspAdjust;
        this.bitOffsetRegister = bitOffsetRegister;
        this.bitOffsetWidth = bitOffsetWidth;
        if (memory != null) {
            segmentBase = memory.segment() == CS_FS ? FS_BASE : memory.segment() == CS_GS ? GS_BASE : NONE;
            base = addressRegister(memory.base());
            index = addressRegister(memory.index());
            scale = memory.scale();
            displacement = memory.displacement();
        } else {
            segmentBase = base = index = NONE;
            scale = 0;
            displacement = 0;
        }
    }

    /** A plan for bytes Capstone cannot decode: nothing is known, so nothing is promised. */
    InstructionPlan(long pc, byte[] bytes) {
        this(pc, bytes, "(bad)", Write.UNKNOWN, "undecodable instruction bytes at 0x" + Long.toHexString(pc));
    }

    private InstructionPlan(long pc, byte[] bytes, String mnemonic, Write write, String unknown) {
        this.pc = pc;
        this.bytes = bytes;
        this.mnemonic = mnemonic;
        this.kind = InstructionKind.OTHER;
        this.fpStateChanged = true;
        this.write = write;
        this.size = 0;
        this.unknown = unknown;
        this.segmentBase = base = index = NONE;
        this.scale = 0;
        this.displacement = 0;
        this.address32 = false;
        this.rspAdjust = 0;
        this.bitOffsetRegister = NONE;
        this.bitOffsetWidth = 0;
    }

    /** An instruction known only by its encoding class: writes nothing, or something unknown; FP state may change. */
    static InstructionPlan opaque(long pc, byte[] bytes, String mnemonic, Write write, String unknown) {
        return new InstructionPlan(pc, bytes, mnemonic, write, unknown);
    }

    int length() {
        return bytes.length;
    }

    /** The effective address of the memory operand with the registers before the step. */
    long operandAddress(long[] regs) {
        long ea = displacement;
        if (base == PC) ea += pc + bytes.length;
        else if (base != NONE) ea += regs[base] + (base == RSP ? rspAdjust : 0);
        if (index != NONE && index != PC) ea += regs[index] * scale;
        if (address32) ea &= 0xffffffffL;
        if (segmentBase != NONE) ea += regs[segmentBase];
        if (bitOffsetRegister != NONE) {
            long offset = regs[bitOffsetRegister] << (64 - bitOffsetWidth) >> (64 - bitOffsetWidth);
            ea += Math.floorDiv(offset, 8L * size) * size;
        }
        return ea;
    }

    /** rdi, truncated with a 0x67 prefix. */
    long destinationIndex(long[] regs) {
        return address32 ? regs[RDI] & 0xffffffffL : regs[RDI];
    }

    /** The {@code size} bytes a {@link Value#MEMORY}-free write stores, from the registers before it (little-endian). */
    byte[] valueWritten(long[] regs, int size) {
        long v = switch (value) {
            case REGISTER -> regs[valueRegister];
            case IMMEDIATE -> valueImmediate;
            case NEXT_PC -> pc + bytes.length;
            case MEMORY -> throw new IllegalStateException("read it back");
        };
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) out[i] = (byte) (v >>> (8 * i));
        return out;
    }

    boolean sameBytes(byte[] code, int available) {
        if (available < bytes.length) return false;
        for (int i = 0; i < bytes.length; i++) if (code[i] != bytes[i]) return false;
        return true;
    }

    @Override
    public String toString() {
        return String.format("0x%x %s (%s)", pc, mnemonic, write);
    }
}
