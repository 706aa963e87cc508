package dev.hindsight.tracer.disasm;

import java.util.Map;

/**
 * Capstone 4 prints the 64-bit default operand size suffix on stack and control-transfer
 * instructions ({@code callq}, {@code retq}, {@code pushq}); gdb 13 and objdump 2.40 omit it because it
 * carries no information in 64-bit mode. Users read gdb, so we print what gdb prints.
 */
final class GdbMnemonics {
    private static final Map<String, String> ATT_DEFAULT_SIZE = Map.of(
            "callq", "call", "retq", "ret", "jmpq", "jmp", "pushq", "push", "popq", "pop",
            "leaveq", "leave", "pushfq", "pushf", "popfq", "popf");

    private GdbMnemonics() {}

    static String normalize(String capstoneMnemonic, Syntax syntax) {
        if (syntax != Syntax.ATT) return capstoneMnemonic;
        int lastSpace = capstoneMnemonic.lastIndexOf(' ');
        String opcode = capstoneMnemonic.substring(lastSpace + 1);
        String replacement = ATT_DEFAULT_SIZE.get(opcode);
        return replacement == null ? capstoneMnemonic : capstoneMnemonic.substring(0, lastSpace + 1) + replacement;
    }
}
