package dev.hindsight.tracer.values.expr;

import dev.hindsight.tracer.values.EvaluationException;
import dev.hindsight.tracer.values.Value;
import dev.hindsight.tracer.values.ValueContext;
import dev.hindsight.tracer.values.types.Type;
import java.math.BigInteger;

/** C literals with C's types: {@code 1} int, {@code 5000000000} long, {@code 1u}, {@code 2.5} double, {@code 'A'} char. */
final class Literals {
    private Literals() {}

    static Value number(String text, ValueContext ctx) {
        String t = text.toLowerCase();
        boolean hex = t.startsWith("0x");
        if (!hex && (t.contains(".") || t.contains("e"))) return floating(text, t, ctx);
        String digits = t;
        boolean unsigned = false;
        int longs = 0;
        while (!digits.isEmpty() && (digits.endsWith("u") || digits.endsWith("l"))) {
            if (digits.endsWith("u")) unsigned = true;
            else longs++;
            digits = digits.substring(0, digits.length() - 1);
        }
        BigInteger v;
        try {
            if (hex) v = new BigInteger(digits.substring(2), 16);
            else if (digits.length() > 1 && digits.startsWith("0")) v = new BigInteger(digits.substring(1), 8);
            else v = new BigInteger(digits, 10);
        } catch (NumberFormatException e) {
            throw new EvaluationException("Invalid number \"" + text + "\".");
        }
        if (v.bitLength() > 64) throw new EvaluationException("Numeric constant too large.");
        long value = v.longValue();
        boolean fitsInt = v.bitLength() <= 31, fitsUnsignedInt = v.bitLength() <= 32, fitsLong = v.bitLength() <= 63;
        Type type;
        if (longs == 0 && !unsigned && fitsInt) type = Builtins.INT;
        else if (longs == 0 && (unsigned || hex) && fitsUnsignedInt) type = Builtins.UNSIGNED_INT;
        else if (!unsigned && fitsLong) type = Builtins.LONG;
        else type = Builtins.UNSIGNED_LONG;
        return Value.ofLong(type, value, ctx);
    }

    private static Value floating(String text, String t, ValueContext ctx) {
        Type type = Builtins.DOUBLE;
        String body = t;
        if (body.endsWith("f")) {
            type = Builtins.FLOAT;
            body = body.substring(0, body.length() - 1);
        } else if (body.endsWith("l")) {
            type = Builtins.LONG_DOUBLE;
            body = body.substring(0, body.length() - 1);
        }
        try {
            return Value.ofDouble(type, Double.parseDouble(body), ctx);
        } catch (NumberFormatException e) {
            throw new EvaluationException("Invalid number \"" + text + "\".");
        }
    }

    static Value character(String quoted, ValueContext ctx) {
        Type type = characterType(quoted);
        String body = quoted.substring(quoted.indexOf('\'') + 1, quoted.length() - 1);
        if (body.isEmpty()) throw new EvaluationException("Empty character constant.");
        int[] at = {0};
        return Value.ofLong(type, next(body, at), ctx);
    }

    /** {@code "abc"}: a {@code char [4]} that lives in the debugger, as in gdb; {@code L"abc"} a {@code wchar_t [4]}. */
    static Value string(String quoted, ValueContext ctx) {
        Type unit = characterType(quoted);
        int width = (int) unit.size();
        String body = quoted.substring(quoted.indexOf('"') + 1, quoted.length() - 1);
        java.util.List<Integer> units = new java.util.ArrayList<>();
        int[] at = {0};
        while (at[0] < body.length()) units.add(next(body, at));
        units.add(0);
        byte[] bytes = new byte[units.size() * width];
        for (int i = 0; i < units.size(); i++) {
            for (int b = 0; b < width; b++) bytes[i * width + b] = (byte) (units.get(i) >>> (8 * b));
        }
        return Value.ofBytes(Type.arrayOf(unit, units.size()), bytes, ctx);
    }

    /** char, or wchar_t, char16_t, char32_t for a literal with prefix L, u or U. */
    private static Type characterType(String quoted) {
        return switch (quoted.charAt(0)) {
            case 'L' -> Builtins.WCHAR;
            case 'u' -> Builtins.CHAR16;
            case 'U' -> Builtins.CHAR32;
            default -> Builtins.CHAR;
        };
    }

    /** The character at {@code at[0]}, escapes decoded; advances {@code at[0]}. */
    private static int next(String body, int[] at) {
        char c = body.charAt(at[0]++);
        if (c != '\\') return c;
        if (at[0] >= body.length()) throw new EvaluationException("Unmatched single quote.");
        char e = body.charAt(at[0]++);
        switch (e) {
            case 'n': return 10;
            case 't': return 9;
            case 'r': return 13;
            case 'a': return 7;
            case 'b': return 8;
            case 'f': return 12;
            case 'v': return 11;
            case 'e': return 27;
            case 'x': {
                int start = at[0];
                while (at[0] < body.length() && Character.digit(body.charAt(at[0]), 16) >= 0) at[0]++;
                if (start == at[0]) throw new EvaluationException("\\x escape without a following hex digit");
                return Integer.parseInt(body.substring(start, at[0]), 16) & 0xff;
            }
            default: {
                if (e < '0' || e > '7') return e;
                int start = at[0] - 1;
                while (at[0] < body.length() && at[0] < start + 3 && body.charAt(at[0]) >= '0' && body.charAt(at[0]) <= '7') at[0]++;
                return Integer.parseInt(body.substring(start, at[0]), 8) & 0xff;
            }
        }
    }
}
