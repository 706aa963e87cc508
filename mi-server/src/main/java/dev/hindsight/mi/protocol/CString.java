package dev.hindsight.mi.protocol;

/** GDB/MI C strings: quoting for output, unquoting for input (gdb's escapes, octal included). */
public final class CString {
    private CString() {}

    /** {@code "text"} with gdb's escapes: backslash, quote, newline, tab, other controls in octal. */
    public static String quote(String text) {
        StringBuilder b = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case '\f' -> b.append("\\f");
                case 0x1b -> b.append("\\033");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format("\\%03o", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * Reads the C string that starts with the quote at {@code start}; returns its text and sets
     * {@code end[0]} to the index after the closing quote.
     *
     * @throws MiException when the closing quote is missing
     */
    public static String unquote(String line, int start, int[] end) {
        StringBuilder b = new StringBuilder();
        int i = start + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                end[0] = i + 1;
                return b.toString();
            }
            if (c == '\\' && i + 1 < line.length()) {
                char e = line.charAt(++i);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'f' -> b.append('\f');
                    case 'a' -> b.append('\007');
                    case 'b' -> b.append('\b');
                    case 'v' -> b.append('\013');
                    case 'e' -> b.append('\033');
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int v = 0, n = 0;
                            while (n < 3 && i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '7') {
                                v = v * 8 + (line.charAt(i++) - '0');
                                n++;
                            }
                            i--;
                            b.append((char) v);
                        } else {
                            b.append(e); // \" \\ and any other escaped character stand for themselves
                        }
                    }
                }
                i++;
                continue;
            }
            b.append(c);
            i++;
        }
        throw new MiException("unterminated string");
    }
}
