package dev.hindsight.tracer.arch;

import java.util.List;

/** What the engine needs to know about one processor architecture (see the package doc). */
public interface Architecture {
    /** The architecture the engine runs on, from {@code os.arch}. */
    static Architecture host() {
        return Hosts.HOST;
    }

    /** By ELF {@code e_machine}, or null for one the engine does not know. */
    static Architecture forElfMachine(int machine) {
        if (machine == X86_64.INSTANCE.elfMachine()) return X86_64.INSTANCE;
        if (machine == Aarch64.INSTANCE.elfMachine()) return Aarch64.INSTANCE;
        return null;
    }

    /** As people and gdb name it: {@code x86-64}, {@code aarch64}. */
    String name();

    int elfMachine();

    /** The general registers in the kernel's {@code NT_PRSTATUS} ({@code user_regs_struct}) order. */
    List<String> kernelRegisterOrder();

    /** The general registers in the order people and gdb list them. */
    List<String> displayRegisterOrder();

    /**
     * The registers a compact per-instruction record carries (`trace --json`): the general
     * registers, pc and flags in display order, without x86's segment and base registers, which a
     * program does not change instruction by instruction.
     */
    default List<String> programRegisters() {
        return displayRegisterOrder();
    }

    String pcRegister();

    String spRegister();

    /** The frame-pointer register of the ABI ({@code rbp}, {@code x29}). */
    String framePointerRegister();

    /** The index of the pc in {@link #kernelRegisterOrder()}. */
    default int pcIndex() {
        return kernelRegisterOrder().indexOf(pcRegister());
    }

    /** DWARF numbers of the pc (x86's return-address column 16; AArch64's 32), the stack and the frame pointer. */
    int dwarfPc();

    int dwarfSp();

    int dwarfFp();

    /** DWARF numbers of the registers a callee preserves (carried unchanged into the caller while unwinding). */
    int[] dwarfCalleeSaved();

    /** DWARF number of the link register holding a leaf's return address (AArch64's x30), or -1 where calls push it (x86). */
    int dwarfLinkRegister();

    /** The register name of a DWARF register number, or null where this architecture names none we track. */
    String dwarfRegisterName(int dwarfRegister);

    /** The {@code AUDIT_ARCH_*} value the kernel reports for this architecture's system calls (seccomp, PTRACE_GET_SYSCALL_INFO). */
    int auditArch();

    /** The registers carrying a call's first integer and pointer arguments, in order (the psABI's). */
    List<String> integerArgumentRegisters();

    /** The register an integer or pointer result is returned in. */
    String integerReturnRegister();

    /**
     * Whether C's {@code long double} is IEEE binary128 (AArch64's AAPCS64) rather than the x87
     * 80-bit extended format in 16 bytes (x86-64's psABI).
     */
    boolean longDoubleIsBinary128();

    /** The register a {@code double} result is returned in, as gdb names it ({@code xmm0}, {@code d0}). */
    String floatReturnRegister();

    /** The bytes a software breakpoint plants. */
    byte[] breakpointInstruction();

    /** The address of the breakpoint that trapped, given the pc the trap left. */
    long breakpointAddress(long pcAfterTrap);

    /** The system call numbers the engine issues itself (raw syscall(2), injected calls). */
    SyscallNumbers syscalls();

    /** The numbers the confinement's seccomp filter checks. */
    ConfinedSyscalls confinedSyscalls();

    /** Capstone's {@code cs_arch} and {@code cs_mode} for this architecture's code. */
    int capstoneArch();

    int capstoneMode();

    /** The flags register a debugger decodes ({@code eflags}; {@code cpsr}, the kernel's pstate, as gdb names it). */
    String flagsRegister();

    /** The flags set in a flags-register value, as gdb brackets them ({@code [ ZF PF ]}, {@code [ Z C ]}). */
    String describeFlags(long flags);

    /** One flag of the flags register, as the front ends list it: its name and bit number. */
    record FlagBit(String name, int bit) {
        public boolean isSet(long flags) {
            return (flags & (1L << bit)) != 0;
        }
    }

    /** The flags a debugger shows of the flags register (eflags' CF … OF; cpsr's N, Z, C, V). */
    List<FlagBit> flagBits();

    /** gdb's type name of the flags register ({@code i386_eflags}, {@code cpsr_flags}). */
    String flagsType();

    /** The architecture whose flags register has gdb's type {@code typeName}, or null. */
    static Architecture ofFlagsType(String typeName) {
        if (X86_64.INSTANCE.flagsType().equals(typeName)) return X86_64.INSTANCE;
        if (Aarch64.INSTANCE.flagsType().equals(typeName)) return Aarch64.INSTANCE;
        return null;
    }

    /**
     * A register as an expression names it without the {@code $} (gdb's names: {@code rax},
     * {@code eax}, {@code rip}, {@code pc}; {@code x0}, {@code w0}, {@code sp}, {@code cpsr},
     * {@code v0}, {@code d0}…), or null for a name this architecture has no register by.
     */
    RegisterView registerView(String name);

    /**
     * The TLS ABI's variant: true for variant I (AArch64: the thread pointer addresses a 16-byte
     * TCB, {@code dtv} first, and the static blocks follow it), false for variant II (x86-64: the
     * blocks end at the thread pointer, the TCB's {@code dtv} at +8).
     */
    boolean tlsAfterThreadPointer();

    /**
     * The kernel's signal-return trampoline as the 32-bit instruction words at its pc, where only
     * its code identifies it (AArch64's vDSO {@code __kernel_rt_sigreturn}: {@code mov x8, #139;
     * svc #0}, as gdb matches it); empty where the C library's CFI marks it as a signal frame
     * (x86-64's {@code __restore_rt}).
     */
    int[] signalTrampolineCode();

    /**
     * Where the signal frame whose trampoline runs with stack pointer {@code sp} saved the
     * interrupted code's register {@code dwarfRegister}, or -1 for one it does not save there.
     */
    long signalSavedRegister(long sp, int dwarfRegister);

    /**
     * The registers a front end lists in a vector group beside the general ones, by their
     * expression names (AArch64: v0-v31, fpsr, fpcr, as gdb's {@code info all-registers} after
     * cpsr); empty where the front end builds that group itself (x86-64's xmm/ymm/zmm/x87 group,
     * {@code dap.variables.VectorRegisters}).
     */
    List<String> vectorRegisterGroup();

    /** The vector register (x86's xmm n, AArch64's v n) a DWARF number names, or -1 for another register. */
    int dwarfVectorRegister(int dwarfRegister);
}
