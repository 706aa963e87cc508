package dev.hindsight.tracer.disasm;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * One decoded x86-64 instruction.
 *
 * @param address    virtual address of the first byte
 * @param bytes      the encoding; its length is the instruction length (1 for an undecodable byte)
 * @param mnemonic   e.g. {@code call}, {@code mov}, {@code rep stosq}, or {@code (bad)}
 * @param operands   operand text in the disassembler's syntax, possibly empty
 * @param controlFlow classification used by stepping
 * @param branchTarget absolute target of a direct call/jmp/jcc (relative immediate), else empty
 * @param ripRelativeTarget absolute address of a {@code rip}-relative memory operand, else empty
 */
public record Instruction(long address, byte[] bytes, String mnemonic, String operands,
                          ControlFlow controlFlow, OptionalLong branchTarget, OptionalLong ripRelativeTarget) {

    public Instruction {
        bytes = bytes.clone();
    }

    /** A defensive copy, so a shared cached instruction cannot be corrupted by a caller. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** Address of the instruction that follows in memory: where a stepped-over call returns to. */
    public long nextAddress() {
        return address + bytes.length;
    }

    public boolean isCall() {
        return controlFlow == ControlFlow.CALL;
    }

    public boolean isReturn() {
        return controlFlow == ControlFlow.RETURN;
    }

    /** Conditional or unconditional jump. */
    public boolean isJump() {
        return controlFlow == ControlFlow.JUMP || controlFlow == ControlFlow.CONDITIONAL_JUMP;
    }

    public boolean isConditionalJump() {
        return controlFlow == ControlFlow.CONDITIONAL_JUMP;
    }

    public boolean isSyscall() {
        return controlFlow == ControlFlow.SYSCALL;
    }

    public boolean isInterrupt() {
        return controlFlow == ControlFlow.INTERRUPT;
    }

    public boolean isInvalid() {
        return controlFlow == ControlFlow.INVALID;
    }

    /** Raw bytes as lowercase hex pairs separated by spaces, like objdump's middle column. */
    public String hexBytes() {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Instruction other && address == other.address && Arrays.equals(bytes, other.bytes)
                && mnemonic.equals(other.mnemonic) && operands.equals(other.operands)
                && controlFlow == other.controlFlow && branchTarget.equals(other.branchTarget)
                && ripRelativeTarget.equals(other.ripRelativeTarget);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(address) * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return String.format("0x%x: %s %s", address, mnemonic, operands).stripTrailing();
    }
}
