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
    public int dwarfPc() {
        return 16; // the return-address column, rip
    }

    @Override
    public int dwarfSp() {
        return 7;
    }

    @Override
    public int dwarfFp() {
        return 6;
    }

    @Override
    public int[] dwarfCalleeSaved() {
        return new int[] {3, 6, 12, 13, 14, 15}; // rbx, rbp, r12-r15
    }

    @Override
    public int dwarfLinkRegister() {
        return -1;
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

    private static final ConfinedSyscalls CONFINED = new ConfinedSyscalls(56, 435, new int[] {
        101, // ptrace
        310, 311, // process_vm_readv, process_vm_writev
        312, 438, // kcmp, pidfd_getfd
        165, 166, 155, 161, // mount, umount2, pivot_root, chroot
        428, 429, 430, 431, 432, 433, 442, // open_tree, move_mount, fsopen, fsconfig, fsmount, fspick, mount_setattr
        272, 308, // unshare, setns
        175, 176, 313, // init_module, delete_module, finit_module
        246, 320, 169, // kexec_load, kexec_file_load, reboot
        321, 298, // bpf, perf_event_open
        248, 249, 250, // add_key, request_key, keyctl
        425, 426, 427, // io_uring_setup, io_uring_enter, io_uring_register
        323, // userfaultfd
        303, 304, // name_to_handle_at, open_by_handle_at
        167, 168, 170, 171, // swapon, swapoff, sethostname, setdomainname
        172, 173, // iopl, ioperm
        163, 179, 103, 153, 212, // acct, quotactl, syslog, vhangup, lookup_dcookie
        159, 164, 227, 305, // adjtimex, settimeofday, clock_settime, clock_adjtime
        300, // fanotify_init
    }, true);

    @Override
    public ConfinedSyscalls confinedSyscalls() {
        return CONFINED;
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

    @Override
    public List<FlagBit> flagBits() {
        return java.util.Arrays.stream(Eflags.values()).map(f -> new FlagBit(f.name(), f.bit())).toList();
    }

    @Override
    public String flagsType() {
        return "i386_eflags";
    }
}
