package dev.hindsight.tracer.regs;

import dev.hindsight.tracer.arch.Architecture;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The general registers of one thread, in the kernel's {@code NT_PRSTATUS} order of their
 * {@link Architecture} (x86-64's {@code user_regs_struct}, AArch64's {@code user_pt_regs}).
 * Immutable; {@link #with(String, long)} returns a modified copy. The x86 names of the accessors
 * ({@link #rip()}, {@link #rsp()}, {@link #rbp()}, {@link #rax()}, {@link #eflags()}) are
 * architecture-neutral: pc, stack pointer, frame pointer, integer return register, flags.
 */
public final class Registers {
    /** x86-64's kernel order of user_regs_struct; index into {@link #raw()} there. */
    public static final List<String> KERNEL_ORDER = List.of("r15", "r14", "r13", "r12", "rbp", "rbx", "r11",
            "r10", "r9", "r8", "rax", "rcx", "rdx", "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss",
            "fs_base", "gs_base", "ds", "es", "fs", "gs");

    /** The order people and gdb list x86-64's in. */
    public static final List<String> DISPLAY_ORDER = List.of("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp",
            "rsp", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip", "eflags", "cs", "ss", "ds",
            "es", "fs", "gs", "fs_base", "gs_base");

    /** x86-64's register count. */
    public static final int COUNT = KERNEL_ORDER.size();

    /** Per architecture: name to index, and the indices of pc, sp, fp, return value and flags. */
    private record Layout(Map<String, Integer> index, int pc, int sp, int fp, int ret, int flags) {
        static Layout of(Architecture arch) {
            Map<String, Integer> index = new LinkedHashMap<>();
            List<String> order = arch.kernelRegisterOrder();
            for (int i = 0; i < order.size(); i++) index.put(order.get(i), i);
            return new Layout(index, index.get(arch.pcRegister()), index.get(arch.spRegister()),
                    index.get(arch.framePointerRegister()), index.get(arch.integerReturnRegister()),
                    index.get(arch.flagsRegister()));
        }
    }

    private static final Map<Architecture, Layout> LAYOUTS = new java.util.concurrent.ConcurrentHashMap<>();

    private final Architecture arch;
    private final Layout layout;
    private final long[] values;

    /** The host architecture's registers. */
    public Registers(long[] kernelOrderValues) {
        this(Architecture.host(), kernelOrderValues);
    }

    public Registers(Architecture arch, long[] kernelOrderValues) {
        this.arch = arch;
        this.layout = LAYOUTS.computeIfAbsent(arch, Layout::of);
        if (kernelOrderValues.length != layout.index.size()) {
            throw new IllegalArgumentException("need " + layout.index.size() + " registers");
        }
        this.values = kernelOrderValues;
    }

    /** Whether the host architecture has a general register of this name. */
    public static boolean isName(String name) {
        return Architecture.host().kernelRegisterOrder().contains(name);
    }

    public Architecture architecture() {
        return arch;
    }

    public long get(String name) {
        Integer i = layout.index.get(name);
        if (i == null) throw new IllegalArgumentException("no register " + name);
        return values[i];
    }

    public Registers with(String name, long value) {
        Integer i = layout.index.get(name);
        if (i == null) throw new IllegalArgumentException("no register " + name);
        long[] copy = values.clone();
        copy[i] = value;
        return new Registers(arch, copy);
    }

    public long pc() {
        return values[layout.pc];
    }

    public long sp() {
        return values[layout.sp];
    }

    /** The ABI's frame pointer (rbp, x29). */
    public long fp() {
        return values[layout.fp];
    }

    /** The pc (x86's name for it). */
    public long rip() {
        return pc();
    }

    /** The stack pointer. */
    public long rsp() {
        return sp();
    }

    /** The frame pointer. */
    public long rbp() {
        return fp();
    }

    /** The integer return register (rax, x0). */
    public long rax() {
        return values[layout.ret];
    }

    /** The flags register (eflags, pstate). */
    public long eflags() {
        return values[layout.flags];
    }

    /** A copy of the values in kernel order. */
    public long[] raw() {
        return values.clone();
    }

    /** Display-ordered names of registers whose value differs from {@code before}. */
    public List<String> changedSince(Registers before) {
        return arch.displayRegisterOrder().stream().filter(n -> before == null || before.get(n) != get(n)).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Registers r && r.arch == arch && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Registers{");
        for (String n : arch.displayRegisterOrder()) sb.append(n).append("=0x").append(Long.toHexString(get(n))).append(' ');
        return sb.append('}').toString();
    }
}
