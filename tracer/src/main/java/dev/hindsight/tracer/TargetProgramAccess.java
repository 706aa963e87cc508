package dev.hindsight.tracer;

import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.values.ProgramAccess;

/** The stopped program as the values engine sees it: one thread's registers, memory and modules. */
final class TargetProgramAccess implements ProgramAccess {
    /** Register names in DWARF numbering order (0-16). */
    private static final String[] DWARF_NAMES = {"rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp", "r8", "r9",
            "r10", "r11", "r12", "r13", "r14", "r15", "rip"};

    private final Target target;
    private final int tid;

    TargetProgramAccess(Target target, int tid) {
        this.target = target;
        this.tid = tid;
    }

    @Override
    public byte[] read(long address, int length) {
        return target.readMemory(address, length);
    }

    @Override
    public void write(long address, byte[] data) {
        target.writeMemory(address, data);
    }

    @Override
    public ModuleMap modules() {
        return target.modules();
    }

    @Override
    public java.util.Map<Integer, Long> liveRegisters() {
        return Backtracer.dwarfRegisters(target.registers(tid));
    }

    @Override
    public long eflags() {
        return target.registers(tid).eflags();
    }

    @Override
    public long threadPointer() {
        return target.registers(tid).get("fs_base");
    }

    @Override
    public byte[] xmm(int n) {
        return target.fpRegisters(tid).xmm(n);
    }

    @Override
    public void writeRegister(int dwarfRegister, long value) {
        if (dwarfRegister < 0 || dwarfRegister >= DWARF_NAMES.length) {
            throw new dev.hindsight.tracer.values.EvaluationException("register " + dwarfRegister + " cannot be written");
        }
        target.setRegister(tid, DWARF_NAMES[dwarfRegister], value);
    }

    @Override
    public void writeXmm(int n, byte[] value) {
        target.setFpRegisters(tid, target.fpRegisters(tid).withXmm(n, value));
    }
}
