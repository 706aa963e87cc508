package dev.hindsight.tracer.inspect;

import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.values.EvaluationException;
import dev.hindsight.tracer.values.ProgramAccess;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The running program as the values engine sees it without a frame (gdb's evaluation while the
 * program runs): memory through the backend's reads and writes that do not stop it, the modules
 * last known; no thread's registers, which only a stop can give.
 */
public final class RunningProgramAccess implements ProgramAccess {
    private final Backend backend;
    private final Supplier<ModuleMap> modules;

    public RunningProgramAccess(Backend backend, Supplier<ModuleMap> modules) {
        this.backend = backend;
        this.modules = modules;
    }

    @Override
    public byte[] read(long address, int length) {
        byte[] buf = new byte[length];
        int n = backend.readMemoryWhileRunning(address, buf, 0, length);
        return n == length ? buf : Arrays.copyOf(buf, Math.max(0, n));
    }

    @Override
    public void write(long address, byte[] data) {
        backend.writeMemoryWhileRunning(address, data);
    }

    @Override
    public ModuleMap modules() {
        return modules.get();
    }

    private static EvaluationException running() {
        return new EvaluationException("Selected thread is running.");
    }

    @Override
    public Map<Integer, Long> liveRegisters() {
        throw running();
    }

    @Override
    public long namedRegister(String name) {
        throw running();
    }

    @Override
    public byte[] vector(int n) {
        throw running();
    }

    @Override
    public void writeRegister(int dwarfRegister, long value) {
        throw running();
    }

    @Override
    public void writeVector(int n, byte[] value) {
        throw running();
    }

    @Override
    public long threadPointer() {
        throw running();
    }
}
