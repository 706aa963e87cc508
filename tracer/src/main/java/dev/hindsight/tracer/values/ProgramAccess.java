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

    /** The frame's thread's eflags (gdb shows the same value in every frame). */
    long eflags();

    /** The 16 bytes of xmm{@code n} of the frame's thread (the innermost frame's). */
    byte[] xmm(int n);

    /** Writes a general register of the frame's thread by DWARF number (innermost frame only). */
    void writeRegister(int dwarfRegister, long value);

    void writeXmm(int n, byte[] value);

    /** The thread pointer of the thread ({@code fs_base}): where its thread-local storage is found. */
    long threadPointer();
}
