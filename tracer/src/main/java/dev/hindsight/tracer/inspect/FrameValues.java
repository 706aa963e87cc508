package dev.hindsight.tracer.inspect;

import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.arch.X86_64;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.regs.FpRegisters;
import dev.hindsight.tracer.regs.FpsimdRegisters;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.values.Aapcs64Returns;
import dev.hindsight.tracer.values.ReturnConvention;
import dev.hindsight.tracer.values.ReturnRegisters;
import dev.hindsight.tracer.values.Values;
import dev.hindsight.tracer.values.Variable;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The values engine at a stop, as a frame's thread sees the program: what locals, arguments,
 * globals, expressions and assignments are read and written through, and the value a function
 * just returned, read from the registers the ABI returns it in (x86-64 System V; AArch64's
 * AAPCS64: x0/x1, v0-v3, memory at x8).
 */
public final class FrameValues {
    private final StoppedProgram program;
    private final Supplier<ModuleMap> modules;
    private final Runnable requireStopped;

    public FrameValues(StoppedProgram program, Supplier<ModuleMap> modules, Runnable requireStopped) {
        this.program = program;
        this.modules = modules;
        this.requireStopped = requireStopped;
    }

    /** The values engine for the frame's thread, once the program is known to be stopped. */
    public Values at(Frame frame) {
        requireStopped.run();
        return new Values(program.access(frame.tid(), modules));
    }

    /**
     * What {@code function} returned, typed as its declaration says and read where the ABI returns
     * that type ({@link dev.hindsight.tracer.values.ReturnClasses}): rax:rdx, xmm0:xmm1, st0, or
     * memory at rax; on AArch64 {@link Aapcs64Returns}: x0:x1, v0-v3, or memory at x8; {@code here}: the frame it returned to. Empty for a {@code void} function or
     * one without debug information.
     */
    public Optional<Variable> returned(String function, Frame here) {
        Values values = at(here);
        Registers r = program.registers(here.tid());
        ReturnConvention registers;
        if (Architecture.host() instanceof X86_64) {
            FpRegisters fp = program.fpRegisters(here.tid());
            registers = new ReturnRegisters(r.rax(), r.get("rdx"), fp.xmm(0), fp.xmm(1), fp.st(0));
        } else {
            FpsimdRegisters v = program.fpsimdRegisters(here.tid());
            registers = new Aapcs64Returns(r.get("x0"), r.get("x1"), r.get("x8"), new byte[][] {v.v(0), v.v(1), v.v(2), v.v(3)});
        }
        return values.returned(function, here, registers);
    }
}
