package dev.hindsight.tracer.values.expr;

import dev.hindsight.tracer.values.types.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** gdb's x86-64 register names ({@code $rax}, {@code $eax}, {@code $ax}, {@code $al}, {@code $pc}…) as DWARF registers and widths. */
final class Registers {
    /** A register view: DWARF number, byte size, and the type gdb gives it. */
    record View(int dwarf, int size, Type type) {}

    private static final List<String> GPR64 = List.of("rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15");
    private static final List<String> GPR32 = List.of("eax", "edx", "ecx", "ebx", "esi", "edi", "ebp", "esp",
            "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d");
    private static final List<String> GPR16 = List.of("ax", "dx", "cx", "bx", "si", "di", "bp", "sp",
            "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w");
    private static final List<String> GPR8 = List.of("al", "dl", "cl", "bl", "sil", "dil", "bpl", "spl",
            "r8l", "r9l", "r10l", "r11l", "r12l", "r13l", "r14l", "r15l");
    private static final Map<String, View> VIEWS = new HashMap<>();

    static {
        for (int i = 0; i < 16; i++) {
            VIEWS.put(GPR64.get(i), new View(i, 8, Builtins.INT64));
            VIEWS.put(GPR32.get(i), new View(i, 4, Builtins.INT32));
            VIEWS.put(GPR16.get(i), new View(i, 2, Builtins.INT16));
            VIEWS.put(GPR8.get(i), new View(i, 1, Builtins.INT8));
        }
        VIEWS.put("rbp", new View(6, 8, Builtins.DATA_POINTER));
        VIEWS.put("rsp", new View(7, 8, Builtins.DATA_POINTER));
        VIEWS.put("sp", new View(7, 8, Builtins.DATA_POINTER));
        VIEWS.put("fp", new View(6, 8, Builtins.DATA_POINTER));
        VIEWS.put("rip", new View(16, 8, Builtins.CODE_POINTER));
        VIEWS.put("pc", new View(16, 8, Builtins.CODE_POINTER));
    }

    private Registers() {}

    static View view(String name) {
        return VIEWS.get(name);
    }
}
