package dev.hindsight.tracer.regs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The general registers in DWARF's x86-64 numbering (0-16), as CFI and location expressions name them. */
public final class DwarfRegisters {
    /** Register names in DWARF numbering order. */
    private static final List<String> NAMES = List.of("rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp", "r8",
            "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip");

    private DwarfRegisters() {}

    /** DWARF register number to value, for every register DWARF numbers 0-16. */
    public static Map<Integer, Long> of(Registers r) {
        Map<Integer, Long> m = new HashMap<>();
        for (int i = 0; i < NAMES.size(); i++) m.put(i, r.get(NAMES.get(i)));
        return m;
    }

    /** The {@link Registers} name of a DWARF register number, or null outside 0-16. */
    public static String name(int dwarfRegister) {
        return dwarfRegister >= 0 && dwarfRegister < NAMES.size() ? NAMES.get(dwarfRegister) : null;
    }
}
