package dev.hindsight.tracer.effects;

/**
 * One instruction as Capstone's detail mode describes it, copied out of native memory. Built once
 * per distinct program counter, so it may allocate freely.
 *
 * @param mnemonic  Intel-syntax opcode without prefixes ({@code stosb}, {@code cmpxchg})
 * @param prefixes  Capstone's prefix bytes (rep/lock group, segment, operand size, address size)
 * @param opcode    Capstone's opcode bytes, escapes included: tells string {@code movsd} (0xa5) from SSE's (0x0f…)
 * @param addressSize 8, or 4 with a 0x67 prefix
 */
record Decoded(long address, byte[] bytes, String mnemonic, byte[] prefixes, byte[] opcode, int addressSize,
               int[] groups, int[] registersRead, int[] registersWritten, Operand[] operands) {

    /** An explicit operand in Intel order (destination first); an immediate's value is in {@code displacement}. */
    record Operand(int type, int register, int segment, int base, int index, int scale, long displacement, int size) {
        static final int REGISTER = 1, IMMEDIATE = 2, MEMORY = 3;

        boolean isMemory() {
            return type == MEMORY;
        }

        boolean isRegister() {
            return type == REGISTER;
        }
    }

    int length() {
        return bytes.length;
    }

    boolean inGroup(int group) {
        for (int g : groups) if (g == group) return true;
        return false;
    }

    boolean hasPrefix(int value) {
        for (byte p : prefixes) if ((p & 0xff) == value) return true;
        return false;
    }

    /** The first opcode byte: 0x0f for two-byte opcodes, the opcode itself for one-byte ones. */
    int firstOpcodeByte() {
        return opcode[0] & 0xff;
    }

    @Override
    public String toString() {
        return String.format("0x%x: %s", address, mnemonic);
    }
}
