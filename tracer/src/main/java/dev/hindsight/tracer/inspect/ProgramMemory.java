package dev.hindsight.tracer.inspect;

import dev.hindsight.tracer.backend.Backend;
import java.util.Map;

/**
 * The program's memory as a front end reads and writes it ({@code target.memory()}): at a stop
 * through the stop's cache ({@link StoppedProgram}), or at any time, while the program runs too,
 * without stopping it ({@link AnyTimeAccess}, as gdb does on Linux).
 */
public final class ProgramMemory {
    private final Backend backend;
    private final StoppedProgram program;
    private final AnyTimeAccess anyTime;
    private final Runnable requireAlive;

    /** @param requireAlive throws when the program has exited (the facade's state check) */
    public ProgramMemory(Backend backend, StoppedProgram program, AnyTimeAccess anyTime, Runnable requireAlive) {
        this.backend = backend;
        this.program = program;
        this.anyTime = anyTime;
        this.requireAlive = requireAlive;
    }

    /** Reads up to {@code length} bytes of the stopped program; the result is shorter where memory is not mapped. */
    public byte[] read(long address, int length) { return program.readMemory(address, length); }

    public void write(long address, byte[] data) { program.writeMemory(address, data); }

    /** {@link #read}, also while the program runs, without stopping it ({@link AnyTimeAccess#read}). */
    public byte[] readAnyTime(long address, int length) { return anyTime.read(address, length); }

    /** {@link #write}, also while the program runs ({@link AnyTimeAccess#write}); not over a breakpoint then. */
    public void writeAnyTime(long address, byte[] data) { anyTime.write(address, data); }

    /** The auxiliary vector (AT_ENTRY, AT_RANDOM, AT_SYSINFO_EHDR, …) as the program received it. */
    public Map<Long, Long> auxv() {
        requireAlive.run();
        return backend.auxv();
    }
}
