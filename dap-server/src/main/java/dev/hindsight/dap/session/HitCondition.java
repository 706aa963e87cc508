package dev.hindsight.dap.session;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A breakpoint hit condition as editors let users type it: {@code 5} or {@code == 5} (the 5th
 * hit), {@code > 5}, {@code >= 5}, {@code < 5}, {@code <= 5}, {@code % 5} (every 5th hit).
 */
public record HitCondition(String operator, long operand) {
    private static final Pattern SYNTAX = Pattern.compile("\\s*(==|>=|<=|>|<|%)?\\s*(\\d+)\\s*");

    public static HitCondition parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new DapException(ErrorCode.INVALID_ARGUMENTS, "hit condition '" + text
                    + "' is not a count: use N, == N, > N, >= N, < N, <= N or % N");
        }
        long n = Long.parseLong(m.group(2));
        String op = m.group(1) == null ? "==" : m.group(1);
        if (op.equals("%") && n == 0) throw new DapException(ErrorCode.INVALID_ARGUMENTS, "hit condition '% 0' divides by zero");
        return new HitCondition(op, n);
    }

    /** Whether the breakpoint stops on its {@code hits}-th hit (1-based). */
    boolean matches(long hits) {
        return switch (operator) {
            case ">" -> hits > operand;
            case ">=" -> hits >= operand;
            case "<" -> hits < operand;
            case "<=" -> hits <= operand;
            case "%" -> hits % operand == 0;
            default -> hits == operand;
        };
    }
}
