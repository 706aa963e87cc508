package dev.hindsight.tracer.disasm;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The program's code as a front end disassembles it ({@code target.disassembly()}): decoded from
 * its memory as the program has it (breakpoints hidden), at a stop or while it runs, in the syntax
 * the front end chose (AT&T unless set).
 */
public final class Disassembly {
    private final Disassembler disassembler;
    private final BiFunction<Long, Integer, byte[]> memory;
    private final BiFunction<Long, Integer, byte[]> memoryAnyTime;

    /**
     * @param memory        reads the stopped program's memory (refused unless it is stopped)
     * @param memoryAnyTime reads it also while the program runs, without stopping it
     */
    public Disassembly(Disassembler disassembler, BiFunction<Long, Integer, byte[]> memory,
                       BiFunction<Long, Integer, byte[]> memoryAnyTime) {
        this.disassembler = disassembler;
        this.memory = memory;
        this.memoryAnyTime = memoryAnyTime;
    }

    /** The instruction at {@code address} as the program has it (breakpoints hidden). */
    public Optional<Instruction> instructionAt(long address) {
        return disassembler.decodeOne(memory.apply(address, Disassembler.MAX_INSTRUCTION_LENGTH), address);
    }

    /** {@link #instructionAt}, also while the program runs (its memory read without stopping it). */
    public Optional<Instruction> instructionAtAnyTime(long address) {
        return disassembler.decodeOne(memoryAnyTime.apply(address, Disassembler.MAX_INSTRUCTION_LENGTH), address);
    }

    /** Up to {@code count} instructions from {@code address}; undecodable bytes appear as {@code (bad)}. */
    public List<Instruction> disassemble(long address, int count) {
        byte[] code = memory.apply(address, Math.max(0, count) * Disassembler.MAX_INSTRUCTION_LENGTH);
        return disassembler.disassemble(code, address, count);
    }

    public void setSyntax(Syntax syntax) { disassembler.setSyntax(syntax); }

    public Syntax syntax() { return disassembler.syntax(); }
}
