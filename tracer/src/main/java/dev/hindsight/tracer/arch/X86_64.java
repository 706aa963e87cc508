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

    private static final List<String> PROGRAM_REGISTERS = List.of("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp",
            "rsp", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip", "eflags");

    @Override
    public List<String> programRegisters() {
        return PROGRAM_REGISTERS;
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
    public List<String> vectorRegisterGroup() {
        return List.of();
    }

    @Override
    public boolean longDoubleIsBinary128() {
        return false;
    }

    @Override
    public String floatReturnRegister() {
        return "xmm0";
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

    /** gdb's {@code vec128} (xmm) and {@code vec256i} (ymm), as its amd64 target descriptions build them. */
    private static final VectorUnion VEC128 = lanes("vec128", 16, "uint128", "uint128_t", 0);
    private static final VectorUnion VEC256 = lanes("builtin_type_vec256i", 32, "v2_int128", "int128_t", 2);

    /** bfloat16, half, float and double lanes, then 8- to 64-bit integer lanes, then the widest field. */
    private static VectorUnion lanes(String name, int bytes, String wideField, String wideElement, int wideCount) {
        java.util.List<VectorUnion.Field> fields = new java.util.ArrayList<>();
        String[][] kinds = {{"bfloat16", "bfloat16", "2"}, {"half", "half", "2"}, {"float", "float", "4"}, {"double", "double", "8"},
            {"int8", "int8_t", "1"}, {"int16", "int16_t", "2"}, {"int32", "int32_t", "4"}, {"int64", "int64_t", "8"}};
        for (String[] k : kinds) {
            int count = bytes / Integer.parseInt(k[2]);
            fields.add(new VectorUnion.Field("v" + count + "_" + k[0], null, k[1], count));
        }
        fields.add(new VectorUnion.Field(wideField, null, wideElement, wideCount));
        return new VectorUnion(name, java.util.List.copyOf(fields));
    }


    private static final java.util.Map<String, RegisterView> VIEWS = views();

    /** gdb's amd64 names: rax/eax/ax/al and r8/r8d/r8w/r8l in DWARF order, rbp/rsp as pointers, rip and pc, eflags, xmm0-15 and ymm0-15. */
    private static java.util.Map<String, RegisterView> views() {
        java.util.Map<String, RegisterView> v = new java.util.HashMap<>();
        String[][] names = {
            {"rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"},
            {"eax", "edx", "ecx", "ebx", "esi", "edi", "ebp", "esp", "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"},
            {"ax", "dx", "cx", "bx", "si", "di", "bp", "sp", "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"},
            {"al", "dl", "cl", "bl", "sil", "dil", "bpl", "spl", "r8l", "r9l", "r10l", "r11l", "r12l", "r13l", "r14l", "r15l"}};
        int[] sizes = {8, 4, 2, 1};
        for (int w = 0; w < names.length; w++) {
            for (int i = 0; i < 16; i++) RegisterView.put(v, names[w][i], i, sizes[w], RegisterView.Kind.INTEGER);
        }
        for (String name : new String[] {"rbp", "fp"}) RegisterView.put(v, name, 6, 8, RegisterView.Kind.DATA_POINTER);
        for (String name : new String[] {"rsp", "sp"}) RegisterView.put(v, name, 7, 8, RegisterView.Kind.DATA_POINTER);
        for (String name : new String[] {"rip", "pc"}) RegisterView.put(v, name, 16, 8, RegisterView.Kind.CODE_POINTER);
        RegisterView.put(v, "eflags", -1, 4, RegisterView.Kind.FLAGS);
        for (int i = 0; i < 16; i++) {
            RegisterView.put(v, "xmm" + i, 17 + i, VEC128);
            RegisterView.put(v, "ymm" + i, 17 + i, VEC256); // xmm i and the AVX upper half
        }
        return java.util.Map.copyOf(v);
    }

    @Override
    public RegisterView registerView(String name) {
        return VIEWS.get(name);
    }

    @Override
    public int[] signalTrampolineCode() {
        return new int[0];
    }

    @Override
    public long signalSavedRegister(long sp, int dwarfRegister) {
        return -1;
    }

    @Override
    public boolean tlsAfterThreadPointer() {
        return false;
    }

    /** xmm0-15 are DWARF 17-32 (the psABI's table). */
    @Override
    public int dwarfVectorRegister(int dwarfRegister) {
        return dwarfRegister >= 17 && dwarfRegister <= 32 ? dwarfRegister - 17 : -1;
    }
}
