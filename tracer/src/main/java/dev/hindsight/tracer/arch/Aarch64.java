package dev.hindsight.tracer.arch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * AArch64 (ARMv8-A, 64-bit, little endian) as Linux presents it: {@code NT_PRSTATUS} is
 * {@code struct user_pt_regs} (x0-x30, sp, pc, pstate, named cpsr as gdb does); {@code BRK #0} is the breakpoint, and pc
 * stays at it when it traps; the generic system call table; DWARF numbers from the ARM DWARF ABI
 * (AADWARF64: 0-30 x0-x30, 31 sp, 32 pc, 64-95 v0-v31).
 */
public final class Aarch64 implements Architecture {
    public static final Aarch64 INSTANCE = new Aarch64();
    private static final List<String> GENERAL = general();
    private static final SyscallNumbers SYSCALLS = new SyscallNumbers(117, 178, 131);
    /** pstate's condition flags, most significant first, as gdb lists them. */
    private static final String[] NZCV = {"N", "Z", "C", "V"};
    /** DWARF number of v0 (AADWARF64). */
    private static final int V0 = 64;

    private Aarch64() {}

    private static List<String> general() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i <= 30; i++) names.add("x" + i);
        names.addAll(List.of("sp", "pc", "cpsr")); // the kernel's pstate, under gdb's name
        return Collections.unmodifiableList(names);
    }

    @Override
    public String name() {
        return "aarch64";
    }

    @Override
    public int elfMachine() {
        return 183; // EM_AARCH64
    }

    @Override
    public List<String> kernelRegisterOrder() {
        return GENERAL;
    }

    @Override
    public List<String> displayRegisterOrder() {
        return GENERAL;
    }

    @Override
    public String pcRegister() {
        return "pc";
    }

    @Override
    public String spRegister() {
        return "sp";
    }

    @Override
    public String framePointerRegister() {
        return "x29";
    }

    @Override
    public int dwarfPc() {
        return 32;
    }

    @Override
    public int dwarfSp() {
        return 31;
    }

    @Override
    public int dwarfFp() {
        return 29;
    }

    /** x19-x29 (AAPCS64); x30 is not: after a call it holds the return address, not the caller's value. */
    @Override
    public int[] dwarfCalleeSaved() {
        return new int[] {19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29};
    }

    @Override
    public int dwarfLinkRegister() {
        return 30;
    }

    @Override
    public String dwarfRegisterName(int dwarfRegister) {
        if (dwarfRegister >= 0 && dwarfRegister <= 30) return "x" + dwarfRegister;
        if (dwarfRegister == 31) return "sp";
        if (dwarfRegister == 32) return "pc";
        if (dwarfRegister >= V0 && dwarfRegister < V0 + 32) return "v" + (dwarfRegister - V0);
        return null;
    }

    @Override
    public int auditArch() {
        return 0xC00000B7; // AUDIT_ARCH_AARCH64: the ELF machine, 64-bit, little endian
    }

    @Override
    public List<String> integerArgumentRegisters() {
        return GENERAL.subList(0, 8);
    }

    @Override
    public String integerReturnRegister() {
        return "x0";
    }

    private static final List<String> VECTOR_GROUP = vectorGroup();

    private static List<String> vectorGroup() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 32; i++) names.add("v" + i);
        names.addAll(List.of("fpsr", "fpcr"));
        return Collections.unmodifiableList(names);
    }

    @Override
    public List<String> vectorRegisterGroup() {
        return VECTOR_GROUP;
    }

    @Override
    public boolean longDoubleIsBinary128() {
        return true;
    }

    @Override
    public String floatReturnRegister() {
        return "d0";
    }

    /** {@code BRK #0}: 0xd4200000, stored little endian. */
    @Override
    public byte[] breakpointInstruction() {
        return new byte[] {0x00, 0x00, 0x20, (byte) 0xd4};
    }

    /** BRK is an exception taken before the instruction completes: pc still points at it. */
    @Override
    public long breakpointAddress(long pcAfterTrap) {
        return pcAfterTrap;
    }

    @Override
    public SyscallNumbers syscalls() {
        return SYSCALLS;
    }

    /** The generic table's numbers (asm-generic/unistd.h), in the same order as x86-64's list. */
    private static final ConfinedSyscalls CONFINED = new ConfinedSyscalls(220, 435, new int[] {
        117, // ptrace
        270, 271, // process_vm_readv, process_vm_writev
        272, 438, // kcmp, pidfd_getfd
        40, 39, 41, 51, // mount, umount2, pivot_root, chroot
        428, 429, 430, 431, 432, 433, 442, // open_tree, move_mount, fsopen, fsconfig, fsmount, fspick, mount_setattr
        97, 268, // unshare, setns
        105, 106, 273, // init_module, delete_module, finit_module
        104, 294, 142, // kexec_load, kexec_file_load, reboot
        280, 241, // bpf, perf_event_open
        217, 218, 219, // add_key, request_key, keyctl
        425, 426, 427, // io_uring_setup, io_uring_enter, io_uring_register
        282, // userfaultfd
        264, 265, // name_to_handle_at, open_by_handle_at
        224, 225, 161, 162, // swapon, swapoff, sethostname, setdomainname
        89, 60, 116, 58, 18, // acct, quotactl, syslog, vhangup, lookup_dcookie
        171, 170, 112, 266, // adjtimex, settimeofday, clock_settime, clock_adjtime
        262, // fanotify_init
    }, false);

    @Override
    public ConfinedSyscalls confinedSyscalls() {
        return CONFINED;
    }

    @Override
    public int capstoneArch() {
        return 1; // CS_ARCH_ARM64 (Capstone 4 and 5)
    }

    @Override
    public int capstoneMode() {
        return 0; // CS_MODE_ARM: little endian
    }

    @Override
    public String flagsRegister() {
        return "cpsr";
    }

    /** The condition flags N (31), Z (30), C (29), V (28), as {@code [ Z C ]}. */
    @Override
    public String describeFlags(long flags) {
        StringBuilder sb = new StringBuilder("[ ");
        for (int i = 0; i < NZCV.length; i++) if ((flags & (1L << (31 - i))) != 0) sb.append(NZCV[i]).append(' ');
        return sb.append(']').toString();
    }

    @Override
    public List<FlagBit> flagBits() {
        List<FlagBit> bits = new ArrayList<>();
        for (int i = 0; i < NZCV.length; i++) bits.add(new FlagBit(NZCV[i], 31 - i));
        return bits;
    }

    @Override
    public String flagsType() {
        return "cpsr_flags";
    }

    /**
     * gdb's AArch64 vector types: {@code aarch64v} of v0-v31 (its aarch64-fpu target description:
     * 2 doubles to 16 bytes, and the whole, as {@code d}, {@code s}, {@code h}, {@code b},
     * {@code q} lane vectors), and the scalar unions of its pseudo registers q, d, s, h and b
     * ({@code aarch64-tdep.c}'s {@code vnq} … {@code vnb}: {@code {f, u, s}} of one lane).
     */
    private static final VectorUnion V = new VectorUnion("aarch64v", java.util.List.of(
            VectorUnion.Field.nested("d", union("vnd", 2, "f", "double", "u", "uint64_t", "s", "int64_t")),
            VectorUnion.Field.nested("s", union("vns", 4, "f", "float", "u", "uint32_t", "s", "int32_t")),
            VectorUnion.Field.nested("h", union("vnh", 8, "bf", "bfloat16", "f", "half", "u", "uint16_t", "s", "int16_t")),
            VectorUnion.Field.nested("b", union("vnb", 16, "u", "uint8_t", "s", "int8_t")),
            VectorUnion.Field.nested("q", union("vnq", 1, "u", "uint128_t", "s", "int128_t"))));
    private static final VectorUnion Q = union("__gdb_builtin_type_vnq", 0, "u", "uint128_t", "s", "int128_t");
    private static final VectorUnion D = union("__gdb_builtin_type_vnd", 0, "f", "double", "u", "uint64_t", "s", "int64_t");
    private static final VectorUnion S = union("__gdb_builtin_type_vns", 0, "f", "float", "u", "uint32_t", "s", "int32_t");
    private static final VectorUnion H = union("__gdb_builtin_type_vnh", 0, "bf", "bfloat16", "f", "half", "u", "uint16_t", "s", "int16_t");
    private static final VectorUnion B = union("__gdb_builtin_type_vnb", 0, "u", "uint8_t", "s", "int8_t");

    /** A union of vectors of {@code count} lanes (0: of single elements), from (field, element) pairs. */
    private static VectorUnion union(String name, int count, String... fieldsAndElements) {
        java.util.List<VectorUnion.Field> fields = new ArrayList<>();
        for (int i = 0; i < fieldsAndElements.length; i += 2) {
            fields.add(VectorUnion.Field.lanes(fieldsAndElements[i], fieldsAndElements[i + 1], count));
        }
        return new VectorUnion(name, java.util.List.copyOf(fields));
    }

    /** gdb's {@code fpsr_flags} and {@code fpcr_flags} (its aarch64-fpu target description), in its field order. */
    static final List<FlagsLayout> STATUS_FLAGS = List.of(
            new FlagsLayout("fpsr_flags", List.of(FlagsLayout.bit("IOC", 0), FlagsLayout.bit("DZC", 1), FlagsLayout.bit("OFC", 2),
                    FlagsLayout.bit("UFC", 3), FlagsLayout.bit("IXC", 4), FlagsLayout.bit("IDC", 7), FlagsLayout.bit("QC", 27),
                    FlagsLayout.bit("V", 28), FlagsLayout.bit("C", 29), FlagsLayout.bit("Z", 30), FlagsLayout.bit("N", 31))),
            new FlagsLayout("fpcr_flags", List.of(FlagsLayout.bit("IOE", 8), FlagsLayout.bit("DZE", 9), FlagsLayout.bit("OFE", 10),
                    FlagsLayout.bit("UFE", 11), FlagsLayout.bit("IXE", 12), FlagsLayout.bit("IDE", 15),
                    new FlagsLayout.Field("Len", 16, 18), new FlagsLayout.Field("Stride", 20, 21), new FlagsLayout.Field("RMode", 22, 23),
                    FlagsLayout.bit("FZ", 24), FlagsLayout.bit("DN", 25), FlagsLayout.bit("AHP", 26))));

    private static final java.util.Map<String, RegisterView> VIEWS = views();

    /**
     * gdb's aarch64 names: x0-x30 (int64_t) and their low halves w0-w30 (int32_t), fp (x29, as a
     * pointer) and lr (x30), sp and pc as pointers, cpsr, fpsr and fpcr; v0-v31 as gdb's
     * {@code aarch64v} union, q, d, s, h and b 0-31 as the unions of their low 16, 8, 4, 2 and 1 bytes.
     */
    private static java.util.Map<String, RegisterView> views() {
        java.util.Map<String, RegisterView> v = new java.util.HashMap<>();
        for (int i = 0; i <= 30; i++) {
            RegisterView.put(v, "x" + i, i, 8, RegisterView.Kind.INTEGER);
            RegisterView.put(v, "w" + i, i, 4, RegisterView.Kind.INTEGER);
        }
        RegisterView.put(v, "fp", 29, 8, RegisterView.Kind.DATA_POINTER); // gdb's frame-base $fp, a void *, as on x86
        RegisterView.put(v, "lr", 30, 8, RegisterView.Kind.INTEGER);
        RegisterView.put(v, "sp", 31, 8, RegisterView.Kind.DATA_POINTER);
        RegisterView.put(v, "pc", 32, 8, RegisterView.Kind.CODE_POINTER);
        RegisterView.put(v, "cpsr", -1, 4, RegisterView.Kind.FLAGS);
        RegisterView.put(v, "fpsr", STATUS_FLAGS.get(0));
        RegisterView.put(v, "fpcr", STATUS_FLAGS.get(1));
        for (int i = 0; i < 32; i++) {
            RegisterView.put(v, "v" + i, V0 + i, V);
            RegisterView.put(v, "q" + i, V0 + i, Q);
            RegisterView.put(v, "d" + i, V0 + i, D);
            RegisterView.put(v, "s" + i, V0 + i, S);
            RegisterView.put(v, "h" + i, V0 + i, H);
            RegisterView.put(v, "b" + i, V0 + i, B);
        }
        return java.util.Map.copyOf(v);
    }

    @Override
    public RegisterView registerView(String name) {
        return VIEWS.get(name);
    }

    /** {@code mov x8, #139} (rt_sigreturn) and {@code svc #0}. */
    @Override
    public int[] signalTrampolineCode() {
        return new int[] {0xd2801168, 0xd4000001};
    }

    /**
     * The kernel's {@code struct rt_sigframe} starts at the trampoline's sp: {@code siginfo} (128
     * bytes), then the {@code ucontext} whose {@code uc_mcontext} (at 176) is a {@code sigcontext}:
     * {@code fault_address}, x0-x30, sp, pc (gdb's aarch64-linux-tdep.c reads the same offsets).
     */
    @Override
    public long signalSavedRegister(long sp, int dwarfRegister) {
        long sigcontext = sp + 128 + 176;
        return dwarfRegister >= 0 && dwarfRegister <= 32 ? sigcontext + 8 + 8L * dwarfRegister : -1;
    }

    @Override
    public boolean tlsAfterThreadPointer() {
        return true;
    }


    @Override
    public int dwarfVectorRegister(int dwarfRegister) {
        return dwarfRegister >= V0 && dwarfRegister < V0 + 32 ? dwarfRegister - V0 : -1;
    }
}
