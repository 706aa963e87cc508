package dev.hindsight.mi.session;

import dev.hindsight.mi.protocol.CString;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.values.ValueFormat;
import dev.hindsight.tracer.values.Variable;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dprintf's {@code printf}: the format and its arguments as gdb keeps them (its
 * {@code script} line) and the text it prints at a hit, each argument evaluated in the frame.
 * Conversions: {@code d i u x X o c s f e g p} with flags, width, precision and C's length
 * modifiers (which C's own printf needs and Java's does not).
 */
public record DprintfFormat(String format, List<String> args, String script) {
    private static final Pattern SPEC = Pattern.compile("%([-+ #0]*)(\\d*)(\\.\\d+)?(hh|h|ll|l|z|j|t|L)?([diuxXocsfeEgGp%])");

    /** From {@code -dprintf-insert}'s words; gdb's script line {@code printf "FORMAT",ARG,ARG}, the format written back as a C string. */
    public static DprintfFormat of(String format, List<String> args) {
        StringBuilder s = new StringBuilder("printf ").append(CString.quote(format));
        for (String a : args) s.append(',').append(a);
        return new DprintfFormat(format, args, s.toString());
    }

    /**
     * From the console's {@code dprintf LOCATION,"FORMAT",ARG…}: what follows the location's comma,
     * kept as written in the script (gdb's {@code printf "k=%d\n", k}), the arguments split at
     * commas outside parentheses and brackets.
     */
    public static DprintfFormat ofConsole(String text) {
        String t = text.strip();
        if (!t.startsWith("\"")) throw new dev.hindsight.mi.protocol.MiException("Bad format string");
        int[] end = new int[1];
        String format = CString.unquote(t, 0, end);
        List<String> args = new java.util.ArrayList<>();
        String rest = t.substring(end[0]).strip();
        int depth = 0, from = 0;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '(' || c == '[') depth++;
            else if (c == ')' || c == ']') depth--;
            else if (c == ',' && depth == 0) {
                if (i > from) args.add(rest.substring(from, i).strip());
                from = i + 1;
            }
        }
        if (from < rest.length() && !rest.substring(from).isBlank()) args.add(rest.substring(from).strip());
        return new DprintfFormat(format, List.copyOf(args), "printf " + t);
    }

    public String render(Target t, Frame f) {
        Matcher m = SPEC.matcher(format);
        StringBuilder out = new StringBuilder();
        int next = 0;
        while (m.find()) {
            m.appendReplacement(out, "");
            if (m.group(5).equals("%")) {
                out.append('%');
                continue;
            }
            String expression = next < args.size() ? args.get(next++) : null;
            if (expression == null) throw new IllegalArgumentException("Bad format string, missing '\"'");
            Variable v = t.frames().evaluate(expression, f);
            out.append(convert(m, v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String convert(Matcher m, Variable v) {
        String flags = m.group(1), width = m.group(2), precision = m.group(3) == null ? "" : m.group(3);
        char conversion = m.group(5).charAt(0);
        String head = "%" + flags + width;
        return switch (conversion) {
            case 'd', 'i' -> String.format(head + "d", integer(v));
            case 'u' -> String.format(head + "d", integer(v).and(mask(v)));
            case 'x', 'X', 'o' -> String.format(head + conversion, integer(v).and(mask(v)));
            case 'c' -> String.format(head + "c", (char) integer(v).intValue());
            case 'p' -> String.format(head + "s", "0x" + integer(v).and(mask(v)).toString(16));
            case 's' -> String.format(head + precision + "s", string(v));
            default -> String.format(head + precision + conversion, Double.parseDouble(v.value(ValueFormat.NATURAL).split("\\s")[0]));
        };
    }

    /** The value's bits as a number: its hex form, sign-extended from its width when the natural form is negative. */
    private static BigInteger integer(Variable v) {
        String natural = v.value(ValueFormat.NATURAL);
        Long n = Numbers.leadingNumber(natural);
        if (n != null && !natural.startsWith("0x")) return BigInteger.valueOf(n);
        String hex = v.value(ValueFormat.HEX).split("\\s")[0];
        return new BigInteger(hex.startsWith("0x") ? hex.substring(2) : hex, 16);
    }

    private static BigInteger mask(Variable v) {
        return BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    }

    /** A char pointer's string, from the value gdb-style text shows after the address. */
    private static String string(Variable v) {
        String natural = v.value(ValueFormat.NATURAL);
        int quote = natural.indexOf('"');
        if (quote < 0) return natural;
        int[] end = new int[1];
        return CString.unquote(natural, quote, end);
    }
}
