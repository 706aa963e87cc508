package dev.hindsight.tracer.inspect;

import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.arch.X86_64;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.regs.DwarfRegisters;
import dev.hindsight.tracer.values.EvaluationException;
import dev.hindsight.tracer.values.ProgramAccess;
import java.util.Map;
import java.util.function.Supplier;

/** The stopped program as the values engine sees it: one thread's registers, memory and modules. */
final class TargetProgramAccess implements ProgramAccess {
    private static final Architecture ARCH = Architecture.host();
    private static final boolean X86 = ARCH instanceof X86_64;
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
    public long namedRegister(String name) {
        if (name.equals(ARCH.flagsRegister())) return program.registers(tid).eflags();
        if (!X86 && name.equals("fpsr")) return Integer.toUnsignedLong(program.fpsimdRegisters(tid).fpsr());
        if (!X86 && name.equals("fpcr")) return Integer.toUnsignedLong(program.fpsimdRegisters(tid).fpcr());
        throw new EvaluationException("no register $" + name + " on " + ARCH.name());
    }

    @Override
    public long threadPointer() {
        return program.threadPointer(tid);
    }

    @Override
    public byte[] vector(int n) {
        return X86 ? program.fpRegisters(tid).xmm(n) : program.fpsimdRegisters(tid).v(n);
    }

    /** x86's ymm n where the CPU has AVX; null otherwise (and on AArch64, whose v registers are 16 bytes). */
    @Override
    public byte[] wideVector(int n, int size) {
        if (!X86 || size != 32) return null;
        return program.fpRegisters(tid).ymm(n).orElse(null);
    }

    @Override
    public void writeRegister(int dwarfRegister, long value) {
        String name = ARCH.dwarfRegisterName(dwarfRegister);
        if (name == null) throw new EvaluationException("register " + dwarfRegister + " cannot be written");
        program.setRegister(tid, name, value);
    }

    @Override
    public void writeVector(int n, byte[] value) {
        if (X86) program.setFpRegisters(tid, program.fpRegisters(tid).withXmm(n, value));
        else program.setFpsimdRegisters(tid, program.fpsimdRegisters(tid).withV(n, value));
    }
}
