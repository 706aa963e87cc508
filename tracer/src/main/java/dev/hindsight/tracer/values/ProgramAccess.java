package dev.hindsight.tracer.values;

import dev.hindsight.tracer.elf.ModuleMap;
import java.util.Optional;

/** What the values engine needs of the stopped program, as one thread sees it; the {@code Target} supplies it. */
public interface ProgramAccess {
    /** Up to {@code length} bytes; shorter where memory is not mapped. */
    byte[] read(long address, int length);

    void write(long address, byte[] data);

    ModuleMap modules();

    /** The frame's thread's general registers in DWARF numbering (0-16): the innermost physical frame's. */
    java.util.Map<Integer, Long> liveRegisters();

    /** The architecture of the program: its register names, DWARF numbers and flags. */
    default dev.hindsight.tracer.arch.Architecture architecture() {
        return dev.hindsight.tracer.arch.Architecture.host();
    }

    /**
     * A register without a DWARF number, by its name: the flags register ({@code eflags},
     * {@code cpsr}; gdb shows the same value in every frame) or a floating-point status or
     * control register ({@code fpsr}, {@code fpcr}).
     */
    long namedRegister(String name);

    /** The 16 bytes of vector register {@code n} (xmm n, v n) of the frame's thread (the innermost frame's). */
    byte[] vector(int n);

    /** The {@code size} bytes of a vector register wider than 16 (x86's ymm n), or null where the state has none. */
    default byte[] wideVector(int n, int size) {
        return null;
    }

    /** Writes a general register of the frame's thread by DWARF number (innermost frame only). */
    void writeRegister(int dwarfRegister, long value);

    void writeVector(int n, byte[] value);

    /** The thread pointer of the thread (x86's {@code fs_base}, AArch64's {@code tpidr_el0}): where its thread-local storage is found. */
    long threadPointer();
}
