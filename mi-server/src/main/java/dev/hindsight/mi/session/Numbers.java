package dev.hindsight.mi.session;

import dev.hindsight.mi.protocol.MiException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Numbers as gdb reads and writes them. */
public final class Numbers {
    private static final Pattern NUMBER = Pattern.compile("^(0x[0-9a-fA-F]+|-?[0-9]+)");

    private Numbers() {}

    /** {@code 0x401000}, {@code 4198400} or {@code 010} (octal), as gdb's expression parser reads them. */
    public static long parseAddress(String s) {
        String t = s.strip();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) return Long.parseUnsignedLong(t.substring(2), 16);
            if (t.length() > 1 && t.startsWith("0")) return Long.parseLong(t.substring(1), 8);
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new MiException("Invalid number \"" + t + "\".");
        }
    }

    /**
     * The address {@code expr} evaluates to through {@code evaluate} ({@code main}, {@code puts+4},
     * a pointer): the number its printed value starts with; gdb's words when it is none.
     */
    public static long evaluatedAddress(String expr, java.util.function.Function<String, dev.hindsight.tracer.values.Variable> evaluate) {
        Long n;
        try {
            n = leadingNumber(evaluate.apply(expr).value());
        } catch (RuntimeException e) {
            throw new MiException(e.getMessage());
        }
        if (n == null) throw new MiException("Invalid number \"" + expr + "\".");
        return n;
    }

    /**
     * The number at the start of a printed value, after gdb's type prefix if there is one:
     * {@code (int *) 0x7ffe…}, {@code (void (*)()) 0x401136 <main>}, {@code {int (int, int)} 0x401136 <add>}, {@code 42}.
     */
    public static Long leadingNumber(String printed) {
        String p = printed.strip();
        if (p.startsWith("(") || p.startsWith("{")) {
            int depth = 0, i = 0;
            do {
                char c = p.charAt(i);
                if (c == '(' || c == '{') depth++;
                if (c == ')' || c == '}') depth--;
                i++;
            } while (depth > 0 && i < p.length());
            p = p.substring(i).strip();
        }
        Matcher m = NUMBER.matcher(p);
        if (!m.find()) return null;
        String n = m.group(1);
        return n.startsWith("0x") ? Long.parseUnsignedLong(n.substring(2), 16) : Long.parseLong(n);
    }

    /** gdb's exit codes: octal with a leading 0 ({@code 052} for 42), zero as {@code 0}. */
    public static String octal(int code) {
        return code == 0 ? "0" : "0" + Integer.toOctalString(code);
    }

    public static String hex16(long address) {
        return String.format("0x%016x", address);
    }
}
