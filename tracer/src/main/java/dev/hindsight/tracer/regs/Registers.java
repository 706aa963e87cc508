package dev.hindsight.tracer.regs;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The x86-64 general registers of one thread, in the kernel's {@code user_regs_struct} order.
 * Immutable; {@link #with(String, long)} returns a modified copy.
 */
public final class Registers {
    /** Kernel order of user_regs_struct; index into {@link #raw()}. */
    public static final List<String> KERNEL_ORDER = List.of("r15", "r14", "r13", "r12", "rbp", "rbx", "r11",
            "r10", "r9", "r8", "rax", "rcx", "rdx", "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss",
            "fs_base", "gs_base", "ds", "es", "fs", "gs");

    /** The order people and gdb list them in. */
    public static final List<String> DISPLAY_ORDER = List.of("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp",
            "rsp", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip", "eflags", "cs", "ss", "ds",
            "es", "fs", "gs", "fs_base", "gs_base");

    private static final Map<String, Integer> INDEX = new LinkedHashMap<>();

    static {
        for (int i = 0; i < KERNEL_ORDER.size(); i++) INDEX.put(KERNEL_ORDER.get(i), i);
    }

    public static final int COUNT = KERNEL_ORDER.size();
    static final int RIP = INDEX.get("rip"), RSP = INDEX.get("rsp"), RBP = INDEX.get("rbp"),
            EFLAGS = INDEX.get("eflags"), RAX = INDEX.get("rax");

    private final long[] values;

    public Registers(long[] kernelOrderValues) {
        if (kernelOrderValues.length != COUNT) throw new IllegalArgumentException("need " + COUNT + " registers");
        this.values = kernelOrderValues;
    }

    public static boolean isName(String name) {
        return INDEX.containsKey(name);
    }

    public long get(String name) {
        Integer i = INDEX.get(name);
        if (i == null) throw new IllegalArgumentException("no register " + name);
        return values[i];
    }

    public Registers with(String name, long value) {
        Integer i = INDEX.get(name);
        if (i == null) throw new IllegalArgumentException("no register " + name);
        long[] copy = values.clone();
        copy[i] = value;
        return new Registers(copy);
    }

    public long rip() {
        return values[RIP];
    }

    public long rsp() {
        return values[RSP];
    }

    public long rbp() {
        return values[RBP];
    }

    public long rax() {
        return values[RAX];
    }

    public long eflags() {
        return values[EFLAGS];
    }

    /** A copy of the values in kernel order. */
    public long[] raw() {
        return values.clone();
    }

    /** Display-ordered names of registers whose value differs from {@code before}. */
    public List<String> changedSince(Registers before) {
        return DISPLAY_ORDER.stream().filter(n -> before == null || before.get(n) != get(n)).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Registers r && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Registers{");
        for (String n : DISPLAY_ORDER) sb.append(n).append("=0x").append(Long.toHexString(get(n))).append(' ');
        return sb.append('}').toString();
    }
}
