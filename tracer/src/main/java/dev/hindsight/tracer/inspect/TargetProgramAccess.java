package dev.hindsight.tracer.inspect;

import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.regs.DwarfRegisters;
import dev.hindsight.tracer.values.EvaluationException;
import dev.hindsight.tracer.values.ProgramAccess;
import java.util.Map;
import java.util.function.Supplier;

/** The stopped program as the values engine sees it: one thread's registers, memory and modules. */
final class TargetProgramAccess implements ProgramAccess {
    private final StoppedProgram program;
    private final Supplier<ModuleMap> modules;
    private final int tid;

    TargetProgramAccess(StoppedProgram program, Supplier<ModuleMap> modules, int tid) {
        this.program = program;
        this.modules = modules;
        this.tid = tid;
    }

    @Override
    public byte[] read(long address, int length) {
        return program.readMemory(address, length);
    }

    @Override
    public void write(long address, byte[] data) {
        program.writeMemory(address, data);
    }

    @Override
    public ModuleMap modules() {
        return modules.get();
    }

    @Override
    public Map<Integer, Long> liveRegisters() {
        return DwarfRegisters.of(program.registers(tid));
    }

    @Override
    public long eflags() {
        return program.registers(tid).eflags();
    }

    @Override
    public long threadPointer() {
        return program.registers(tid).get("fs_base");
    }

    @Override
    public byte[] xmm(int n) {
        return program.fpRegisters(tid).xmm(n);
    }

    @Override
    public void writeRegister(int dwarfRegister, long value) {
        String name = dev.hindsight.tracer.arch.Architecture.host().dwarfRegisterName(dwarfRegister);
        if (name == null) throw new EvaluationException("register " + dwarfRegister + " cannot be written");
        program.setRegister(tid, name, value);
    }

    @Override
    public void writeXmm(int n, byte[] value) {
        program.setFpRegisters(tid, program.fpRegisters(tid).withXmm(n, value));
    }
}
