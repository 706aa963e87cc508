package dev.hindsight.tracer.disasm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Capstone 4 prints numbers below 10 in decimal ({@code $3}, {@code -4(%rbp)}); gdb and objdump
 * print every immediate and displacement in hex ({@code $0x3}, {@code -0x4(%rbp)}). Scale factors
 * ({@code (%rax,%rbx,4)}, {@code rbx*4}) and x87 register numbers ({@code st(1)}) stay decimal.
 */
final class HexOperands {
    /** A decimal number not part of a word, hex literal, register or scale. */
    private static final Pattern DECIMAL = Pattern.compile("(?<![\\w%.(*])(-?)(\\d+)(?![\\w.)x])");
    private static final Pattern AT_T_SCALE = Pattern.compile(",(\\d+)\\)");

    private HexOperands() {}

    static String toHex(String operands) {
        if (operands.isEmpty()) return operands;
        StringBuilder out = new StringBuilder();
        Matcher m = DECIMAL.matcher(operands);
        int last = 0;
        while (m.find()) {
            if (isScale(operands, m.start(2)) || isX87Register(operands, m.start(2))) continue;
            out.append(operands, last, m.start()).append(m.group(1)).append("0x")
                    .append(Long.toHexString(Long.parseLong(m.group(2))));
            last = m.end();
        }
        return out.append(operands.substring(last)).toString();
    }

    private static boolean isScale(String s, int at) {
        if (at > 0 && s.charAt(at - 1) == ',') {
            Matcher m = AT_T_SCALE.matcher(s);
            return m.find(at - 1) && m.start() == at - 1;
        }
        return false;
    }

    private static boolean isX87Register(String s, int at) {
        return at >= 3 && s.startsWith("st(", at - 3);
    }
}
