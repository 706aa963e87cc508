package dev.hindsight.tracer.backend;

import dev.hindsight.tracer.regs.FpRegisters;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.StopEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What executes the program (the contract, and what a replay backend must provide, is in the
 * package documentation). Methods other than {@link #requestPause()} and {@link #kill()} may
 * only be called while the program is stopped; implementations marshal onto whatever thread they
 * need, so callers may use any thread.
 */
public interface Backend extends AutoCloseable {
    int pid();

    /** Live thread ids, the process leader first (a core dump: the thread that took the signal first, as gdb numbers them). */
    List<Integer> threads();

    Registers registers(int tid);

    void setRegisters(int tid, Registers registers);

    FpRegisters fpRegisters(int tid);

    void setFpRegisters(int tid, FpRegisters registers);

    /** AArch64's v0-v31, fpsr and fpcr ({@code NT_FPREGSET}); x86-64's state is {@link #fpRegisters}. */
    default dev.hindsight.tracer.regs.FpsimdRegisters fpsimdRegisters(int tid) {
        throw new UnsupportedOperationException("no AArch64 SIMD registers in this backend");
    }

    default void setFpsimdRegisters(int tid, dev.hindsight.tracer.regs.FpsimdRegisters registers) {
        throw new UnsupportedOperationException("no AArch64 SIMD registers in this backend");
    }

    /**
     * Vector register {@code n}'s 16 bytes, little endian: x86-64's xmm n, AArch64's v n (whose
     * low 8 bytes hold a returned double on both).
     */
    default byte[] vectorRegister(int tid, int n) {
        if (dev.hindsight.tracer.arch.Architecture.host() instanceof dev.hindsight.tracer.arch.X86_64) return fpRegisters(tid).xmm(n);
        return fpsimdRegisters(tid).v(n);
    }

    /** The thread pointer, where the thread's TLS is found: x86-64's {@code fs_base}, AArch64's {@code tpidr_el0} ({@code NT_ARM_TLS}). */
    default long threadPointer(int tid) {
        if (dev.hindsight.tracer.arch.Architecture.host() instanceof dev.hindsight.tracer.arch.X86_64) return registers(tid).get("fs_base");
        throw new UnsupportedOperationException("no AArch64 thread pointer in this backend");
    }

    /** Reads up to {@code length} bytes; returns how many were readable (0 if none). Breakpoints are hidden. */
    int readMemory(long address, byte[] buffer, int offset, int length);

    /** Writes all of {@code data} or throws; breakpoints stay in force over what was written. */
    void writeMemory(long address, byte[] data);

    /**
     * {@link #readMemory} while the program may be running, on the caller's thread and without
     * stopping it; backends that cannot refuse.
     */
    default int readMemoryWhileRunning(long address, byte[] buffer, int offset, int length) {
        throw new UnsupportedOperationException("memory cannot be read while the program runs");
    }

    /** {@link #writeMemory} while the program may be running, as {@link #readMemoryWhileRunning}. */
    default void writeMemoryWhileRunning(long address, byte[] data) {
        throw new UnsupportedOperationException("memory cannot be written while the program runs");
    }

    /** Plants an int3-style breakpoint at an address; idempotent. */
    void insertBreakpoint(long address);

    void removeBreakpoint(long address);

    /**
     * Makes a planted breakpoint at {@code address} the engine's own: when it is hit while running,
     * {@code action} runs (on the engine's thread, every thread stopped) and, unless it answers
     * true (someone else wants the stop too), the program continues as if nothing happened. For
     * the dynamic linker's load notification.
     */
    void onBreakpointSilently(long address, java.util.function.BooleanSupplier action);

    /** How many hardware watchpoints can be set at once. */
    int watchpointSlots();

    /** Programs watchpoint {@code slot} to stop after an access of {@code length} bytes at {@code address}. */
    void setWatchpoint(int slot, long address, int length, dev.hindsight.tracer.breakpoints.WatchKind kind);

    void clearWatchpoint(int slot);

    /**
     * Whether the program can execute at all. A core dump cannot: the facade then refuses every
     * execution request with gdb's "The program is not being run." before asking the backend.
     */
    default boolean executes() {
        return true;
    }

    /**
     * Runs the program as asked; the future completes at the next stop or at exit. It never
     * completes exceptionally for program behaviour (crashes are stops), only for engine faults.
     */
    CompletableFuture<StopEvent> resume(Resume request);

    /**
     * Single-steps {@code tid} up to {@code maxSteps} times, calling {@code observer} after each
     * step, on the engine's own thread so no thread hand-off is paid per step. Stops early when
     * the observer says so, at any other event (signal, breakpoint, exit), or on pause.
     */
    CompletableFuture<StopEvent> trace(int tid, long maxSteps, StepObserver observer);

    /** Asks a running program to stop; the pending resume completes with a pause. Any thread. */
    void requestPause();

    /**
     * Forgets a pause requested after the last resumption ended (it was meant for that one).
     * Called while the program is stopped, right before a resumption is requested; a pause that
     * arrives after this but before the resumption has begun must stop that resumption.
     */
    void discardPause();

    /**
     * Kills the program; pending resumes complete with its exit. Any thread. The result completes
     * with the exit once the program has been reaped (whether it was running or stopped).
     */
    java.util.concurrent.CompletableFuture<dev.hindsight.tracer.StopEvent.Exited> kill();

    /**
     * The program's memory map, in the format of {@code /proc/PID/maps}: where the executable,
     * its libraries and the vDSO are mapped, which the engine turns into modules and symbols.
     *
     * @throws java.io.IOException when it cannot be read (the program is gone)
     */
    String memoryMap() throws java.io.IOException;

    /** What {@link #memoryMapVersion()} returns when a backend cannot tell: read the map every time. */
    long MAP_VERSION_UNKNOWN = -1;

    /**
     * A number (0 or more) that changes whenever {@link #memoryMap()} and {@link #executable()}
     * may have changed since it was last returned, so the map is read again only then; or
     * {@link #MAP_VERSION_UNKNOWN}. A stale answer here is a wrong module list and backtrace.
     */
    default long memoryMapVersion() {
        return MAP_VERSION_UNKNOWN;
    }

    /**
     * Where the file of a mapping can be read as it was mapped, though deleted or replaced on disk
     * since ({@code /proc/PID/map_files/START-END}): empty when no live process can be asked.
     */
    default java.util.Optional<java.nio.file.Path> mappedFile(dev.hindsight.tracer.elf.ProcMaps.Mapping mapping) {
        return java.util.Optional.empty();
    }

    /**
     * The real path of the program's executable file ({@code /proc/PID/exe}), as it was loaded:
     * without the " (deleted)" the kernel adds once it is deleted or replaced on disk.
     */
    java.nio.file.Path executable() throws java.io.IOException;

    /** The ELF auxiliary vector the kernel gave the program (AT_* type to value, in order). */
    java.util.LinkedHashMap<Long, Long> auxv();

    /** Whether the program has ended. */
    boolean exited();

    /** Kills the program if alive and frees everything. */
    @Override
    void close();
}
