package dev.hindsight.tracer.arch;

import dev.hindsight.tracer.regs.DwarfRegisters;
import dev.hindsight.tracer.regs.Eflags;
import dev.hindsight.tracer.regs.Registers;
import java.util.List;

/** x86-64: what the engine has always done, delegating to the {@code regs} classes. */
public final class X86_64 implements Architecture {
    public static final X86_64 INSTANCE = new X86_64();
    private static final byte INT3 = (byte) 0xcc;
    private static final SyscallNumbers SYSCALLS = new SyscallNumbers(101, 186, 234);

    private X86_64() {}

    @Override
    public String name() {
        return "x86-64";
    }

    @Override
    public int elfMachine() {
        return 62; // EM_X86_64
    }

    @Override
    public List<String> kernelRegisterOrder() {
        return Registers.KERNEL_ORDER;
    }

    @Override
    public List<String> displayRegisterOrder() {
        return Registers.DISPLAY_ORDER;
    }

    @Override
    public String pcRegister() {
        return "rip";
    }

    @Override
    public String spRegister() {
        return "rsp";
    }

    @Override
    public String framePointerRegister() {
        return "rbp";
    }

    @Override
    public String dwarfRegisterName(int dwarfRegister) {
        return DwarfRegisters.name(dwarfRegister);
    }

    @Override
    public int auditArch() {
        return 0xC000003E; // AUDIT_ARCH_X86_64: the ELF machine, 64-bit, little endian
    }

    @Override
    public List<String> integerArgumentRegisters() {
        return List.of("rdi", "rsi", "rdx", "rcx", "r8", "r9");
    }

    @Override
    public String integerReturnRegister() {
        return "rax";
    }

    @Override
    public byte[] breakpointInstruction() {
        return new byte[] {INT3};
    }

    /** int3 is a trap: the pc the kernel reports is just past the one-byte instruction. */
    @Override
    public long breakpointAddress(long pcAfterTrap) {
        return pcAfterTrap - 1;
    }

    @Override
    public SyscallNumbers syscalls() {
        return SYSCALLS;
    }

    @Override
    public int capstoneArch() {
        return 3; // CS_ARCH_X86
    }

    @Override
    public int capstoneMode() {
        return 8; // CS_MODE_64
    }

    @Override
    public String flagsRegister() {
        return "eflags";
    }

    @Override
    public String describeFlags(long flags) {
        return Eflags.describe(flags);
    }
}
