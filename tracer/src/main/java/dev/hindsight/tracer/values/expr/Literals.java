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
        String body = quoted.substring(1, quoted.length() - 1);
        int c;
        if (body.isEmpty()) throw new EvaluationException("Empty character constant.");
        if (body.charAt(0) != '\\') {
            c = body.charAt(0);
        } else if (body.length() < 2) {
            throw new EvaluationException("Unmatched single quote.");
        } else {
            char e = body.charAt(1);
            c = switch (e) {
                case 'n' -> 10;
                case 't' -> 9;
                case 'r' -> 13;
                case 'a' -> 7;
                case 'b' -> 8;
                case 'f' -> 12;
                case 'v' -> 11;
                case 'e' -> 27;
                case 'x' -> Integer.parseInt(body.substring(2), 16);
                default -> Character.isDigit(e) ? Integer.parseInt(body.substring(1), 8) : e;
            };
        }
        return Value.ofLong(Builtins.CHAR, c, ctx);
    }
}
