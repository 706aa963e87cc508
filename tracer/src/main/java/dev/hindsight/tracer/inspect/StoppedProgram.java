package dev.hindsight.tracer.inspect;

import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.regs.FpRegisters;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.stack.StopCache;
import dev.hindsight.tracer.values.ProgramAccess;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Registers and memory of the stopped program, read through the {@link StopCache} of the current
 * stop. Every write, and every resumption, throws that cache away. The accessors a front end
 * reaches run the facade's state check first; {@link #readRaw} is the engine's own, unchecked.
 */
public final class StoppedProgram {
    private final Backend backend;
    private final Runnable requireStopped;
    /** What is known about the current stop; replaced on every resume and write. */
    private volatile StopCache cache;

    /** @param requireStopped throws when the program is not stopped (the facade's state check) */
    public StoppedProgram(Backend backend, Runnable requireStopped) {
        this.backend = backend;
        this.requireStopped = requireStopped;
        this.cache = new StopCache(backend);
    }

    /** The cache of the current stop. */
    public StopCache cache() {
        return cache;
    }

    public Registers registers(int tid) {
        requireStopped.run();
        return cache.registers(tid);
    }

    public void setRegister(int tid, String name, long value) {
        requireStopped.run();
        try {
            backend.setRegisters(tid, backend.registers(tid).with(name, value));
        } finally {
            forget();
        }
    }

    public FpRegisters fpRegisters(int tid) {
        requireStopped.run();
        return backend.fpRegisters(tid);
    }

    /** AArch64's v0-v31 ({@link Backend#fpsimdRegisters}). */
    public dev.hindsight.tracer.regs.FpsimdRegisters fpsimdRegisters(int tid) {
        requireStopped.run();
        return backend.fpsimdRegisters(tid);
    }

    public void setFpsimdRegisters(int tid, dev.hindsight.tracer.regs.FpsimdRegisters v) {
        requireStopped.run();
        try {
            backend.setFpsimdRegisters(tid, v);
        } finally {
            forget();
        }
    }

    /** The thread pointer ({@link Backend#threadPointer}). */
    public long threadPointer(int tid) {
        requireStopped.run();
        return backend.threadPointer(tid);
    }

    public void setFpRegisters(int tid, FpRegisters fp) {
        requireStopped.run();
        try {
            backend.setFpRegisters(tid, fp);
        } finally {
            forget();
        }
    }

    /** Reads up to {@code length} bytes; the result is shorter where memory is not mapped. */
    public byte[] readMemory(long address, int length) {
        requireStopped.run();
        // The stack around rsp was read as the program stopped: most reads at a stop land there.
        byte[] cached = cache.cached(address, length);
        return cached != null ? cached : readRaw(address, length);
    }

    /** {@link #readMemory} without the state check, for the engine's own thread while an operation runs. */
    public byte[] readRaw(long address, int length) {
        byte[] buf = new byte[length];
        int n = backend.readMemory(address, buf, 0, length);
        return n == length ? buf : Arrays.copyOf(buf, n);
    }

    public void writeMemory(long address, byte[] data) {
        requireStopped.run();
        try {
            backend.writeMemory(address, data);
        } finally {
            forget();
        }
    }

    /** After a write, a resumption or a change of breakpoints (which name frames): nothing read at this stop holds. */
    public void forget() {
        cache = new StopCache(backend);
    }

    /**
     * The program stopped at {@code tid}: a new cache, with what the first request will need read
     * ahead on the engine's thread, where reading costs no hand-off.
     */
    public void arrived(int tid) {
        StopCache next = new StopCache(backend);
        try {
            next.prefetch(tid);
        } catch (RuntimeException e) {
            // read again on demand, where the failure reaches whoever asked
        }
        cache = next;
    }

    /** Drops the walked stacks of this stop (they were walked with a module map since found incomplete). */
    public void forgetStacks() {
        cache.forgetStacks();
    }

    /** The program as the values engine sees it from one thread: its registers, its thread-local storage. */
    public ProgramAccess access(int tid, Supplier<ModuleMap> modules) {
        return new TargetProgramAccess(this, modules, tid);
    }
}
