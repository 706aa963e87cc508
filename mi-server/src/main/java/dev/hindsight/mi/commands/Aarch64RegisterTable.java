package dev.hindsight.mi.commands;

import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.regs.FpsimdRegisters;
import dev.hindsight.tracer.regs.Registers;
import java.util.ArrayList;
import java.util.List;

/**
 * gdb's aarch64 Linux register numbering (gdb 13's target description, its raw registers then its
 * pseudo registers): x0-x30, sp, pc, cpsr; v0-v31, fpsr, fpcr (with SVE: z0-z31, fpsr, fpcr,
 * p0-p15, ffr, vg, and v0-v31 as pseudo registers); tpidr (and tpidr2 where the kernel's
 * {@code NT_ARM_TLS} has it); pauth_dmask and pauth_cmask with pointer authentication; tag_ctl with
 * MTE; then q0-q31, d0-d31, s0-s31, h0-h31, b0-b31, the SVE v0-v31, an unnamed return-address
 * state with pointer authentication, and w0-w30. Which of those gdb has comes from {@link
 * Aarch64Features}. The registers Hindsight does not read (the SVE state, tpidr2, the pauth masks,
 * tag_ctl) keep their numbers with empty names, as x86-64's pkru does in {@link RegisterTable}.
 * Values and texts: {@link Aarch64RegisterText}.
 */
final class Aarch64RegisterTable {
    private Aarch64RegisterTable() {}

    /** Every register gdb numbers for a target with {@code f}, by gdb's name. */
    static List<String> gdbNames(Aarch64Features f) {
        List<String> n = new ArrayList<>();
        range(n, "x", 31);
        n.addAll(List.of("sp", "pc", "cpsr"));
        range(n, f.sve() ? "z" : "v", 32);
        n.addAll(List.of("fpsr", "fpcr"));
        if (f.sve()) {
            range(n, "p", 16);
            n.addAll(List.of("ffr", "vg"));
        }
        if (f.tlsRegisters() >= 1) n.add("tpidr");
        if (f.tlsRegisters() >= 2) n.add("tpidr2");
        if (f.pauth()) n.addAll(List.of("pauth_dmask", "pauth_cmask"));
        if (f.mte()) n.add("tag_ctl");
        for (String view : List.of("q", "d", "s", "h", "b")) range(n, view, 32);
        if (f.sve()) range(n, "v", 32);
        if (f.pauth()) n.add(""); // RA_STATE: gdb names it not, it is for unwinding only
        range(n, "w", 31);
        return List.copyOf(n);
    }

    /** gdb's numbering with the names of the registers Hindsight does not read left empty. */
    static List<String> names(Aarch64Features f) {
        return gdbNames(f).stream().map(name -> Aarch64RegisterText.isRead(name) ? name : "").toList();
    }

    private static void range(List<String> names, String prefix, int count) {
        for (int i = 0; i < count; i++) names.add(prefix + i);
    }

    /** What the registers' texts are made of: the general registers (those of the selected frame), the FP/SIMD state and tpidr. */
    record State(Registers general, FpsimdRegisters fpsimd, Long tpidr) {
        static State of(Target t, Registers general) {
            int tid = t.currentThread();
            FpsimdRegisters v;
            try {
                v = t.registers().fpsimd(tid);
            } catch (RuntimeException e) {
                v = null; // a core file or recording without the FP/SIMD state
            }
            Long tp;
            try {
                tp = t.registers().threadPointer(tid);
            } catch (RuntimeException e) {
                tp = null;
            }
            return new State(general, v, tp);
        }
    }
}
