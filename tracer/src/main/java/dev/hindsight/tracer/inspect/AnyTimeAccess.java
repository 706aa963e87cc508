package dev.hindsight.tracer.inspect;

import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.values.EvaluationException;
import dev.hindsight.tracer.values.Values;
import dev.hindsight.tracer.values.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The program's memory and globals whatever its state: while it runs, straight from its memory on
 * the caller's thread without stopping it (as gdb reads a running program's memory on Linux,
 * through {@link RunningProgramAccess}); otherwise as at a stop ({@link StoppedProgram}).
 */
public final class AnyTimeAccess {
    private final Backend backend;
    private final StoppedProgram program;
    private final BooleanSupplier running;
    private final Supplier<ModuleMap> modules;

    public AnyTimeAccess(Backend backend, StoppedProgram program, BooleanSupplier running, Supplier<ModuleMap> modules) {
        this.backend = backend;
        this.program = program;
        this.running = running;
        this.modules = modules;
    }

    /**
     * Up to {@code length} bytes, shorter where memory is not mapped.
     *
     * @throws UnsupportedOperationException running, where the backend cannot (a recording's replay)
     */
    public byte[] read(long address, int length) {
        if (!running.getAsBoolean()) return program.readMemory(address, length);
        return new RunningProgramAccess(backend, modules).read(address, length);
    }

    /** Writes the bytes; while the program runs, not over a breakpoint. */
    public void write(long address, byte[] data) {
        if (!running.getAsBoolean()) {
            program.writeMemory(address, data);
            return;
        }
        backend.writeMemoryWhileRunning(address, data);
        program.forget();
    }

    /**
     * A C expression evaluated as gdb does without a frame, while the program runs: the globals
     * and functions of the main executable, then of each shared library in load order (as gdb
     * searches every objfile), read (and assigned) without stopping it; locals and registers are
     * not there to see.
     *
     * @param tid the thread the evaluation is made for (the current one)
     * @throws EvaluationException with a message for the user
     */
    public Variable evaluate(String expression, int tid) {
        List<LoadedModule> all = modules.get().modules();
        if (all.stream().noneMatch(LoadedModule::mainExecutable)) throw new EvaluationException("No symbol table is loaded.");
        List<LoadedModule> order = new ArrayList<>();
        all.stream().filter(LoadedModule::mainExecutable).forEach(order::add);
        all.stream().filter(x -> !x.mainExecutable()).forEach(order::add);
        Values values = new Values(new RunningProgramAccess(backend, modules));
        EvaluationException first = null;
        for (LoadedModule module : order) {
            // a pc in the module outside every unit: no locals in scope, the module's globals found by name
            Frame none = new Frame(0, module.start(), 0, null, null, null, null, Map.of(), false, tid);
            try {
                return values.evaluate(expression, none);
            } catch (EvaluationException e) {
                // a name another module may define: look on; any other error (the name found) is the answer
                if (e.getMessage() == null || !e.getMessage().startsWith("No symbol ")) throw e;
                if (first == null) first = e;
            }
        }
        throw first;
    }
}
