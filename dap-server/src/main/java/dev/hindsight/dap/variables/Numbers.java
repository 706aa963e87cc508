package dev.hindsight.dap.variables;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;

/** Parsing the numbers users type into register fields: {@code 42}, {@code -1}, {@code 0x2a}. */
public final class Numbers {
    private Numbers() {}

    public static long parse(String text) {
        String s = text.strip().replace("_", "");
        try {
            boolean negative = s.startsWith("-");
            String digits = negative ? s.substring(1) : s;
            long v = digits.startsWith("0x") || digits.startsWith("0X")
                    ? Long.parseUnsignedLong(digits.substring(2), 16) : Long.parseUnsignedLong(digits);
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw new DapException(ErrorCode.INVALID_ARGUMENTS, "'" + text + "' is not a number (use decimal or 0x hex)");
        }
    }

    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
