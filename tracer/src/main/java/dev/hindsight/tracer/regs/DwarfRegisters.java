package dev.hindsight.tracer.regs;

import dev.hindsight.tracer.arch.Architecture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The general registers by DWARF number, as CFI and location expressions name them (x86-64's numbering here; others' in their {@link Architecture}). */
public final class DwarfRegisters {
    /** Register names in DWARF numbering order. */
    private static final List<String> NAMES = List.of("rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp", "r8",
            "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip");

    private DwarfRegisters() {}

    /**
     * DWARF register number to value, for every general register the registers' architecture
     * numbers (x86-64: 0-16; AArch64: 0-30 x0-x30, 31 sp, 32 pc).
     */
    public static Map<Integer, Long> of(Registers r) {
        Map<Integer, Long> m = new HashMap<>();
        Architecture arch = r.architecture();
        for (int i = 0; i <= arch.dwarfPc(); i++) {
            String name = arch.dwarfRegisterName(i);
            if (name != null) m.put(i, r.get(name));
        }
        return m;
    }

    /** x86-64's {@link Registers} name of a DWARF register number, or null outside 0-16. */
    public static String name(int dwarfRegister) {
        return dwarfRegister >= 0 && dwarfRegister < NAMES.size() ? NAMES.get(dwarfRegister) : null;
    }
}
