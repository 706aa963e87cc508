package dev.hindsight.tracer.values.format;

/**
 * Characters and strings as gdb prints them: {@code 'A'}, {@code '\n'}, {@code '\310'}, and
 * strings where runs longer than the repeat threshold become {@code 'x' <repeats 12 times>}
 * segments and at most 200 elements are shown.
 */
public final class CharFormat {
    public static final int REPEAT_THRESHOLD = 10;
    public static final int PRINT_MAX = 200;

    private CharFormat() {}

    /** {@code 'A'} for a character value. */
    public static String quoted(int c) {
        StringBuilder sb = new StringBuilder("'");
        escape(sb, c & 0xff, '\'');
        return sb.append('\'').toString();
    }

    static void escape(StringBuilder sb, int c, char quote) {
        switch (c) {
            case 7 -> sb.append("\\a");
            case 8 -> sb.append("\\b");
            case 9 -> sb.append("\\t");
            case 10 -> sb.append("\\n");
            case 11 -> sb.append("\\v");
            case 12 -> sb.append("\\f");
            case 13 -> sb.append("\\r");
            default -> {
                if (c >= 0x20 && c < 0x7f) {
                    if (c == quote || c == '\\') sb.append('\\');
                    sb.append((char) c);
                } else {
                    sb.append(String.format("\\%03o", c));
                }
            }
        }
    }

    /**
     * A string of {@code length} bytes from {@code bytes}; {@code ellipsis} appends {@code ...}
     * (the string went on past what was read).
     */
    public static String string(byte[] bytes, int length, boolean ellipsis) {
        StringBuilder sb = new StringBuilder();
        boolean inQuotes = false;
        int things = 0;
        int i = 0;
        while (i < length) {
            if (things >= PRINT_MAX) {
                ellipsis = true;
                break;
            }
            int c = bytes[i] & 0xff;
            int run = 1;
            while (i + run < length && (bytes[i + run] & 0xff) == c) run++;
            if (run > REPEAT_THRESHOLD) {
                if (inQuotes) {
                    sb.append("\", ");
                    inQuotes = false;
                } else if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(quoted(c)).append(" <repeats ").append(run).append(" times>");
                i += run;
                things += REPEAT_THRESHOLD;
            } else {
                if (!inQuotes) {
                    if (sb.length() > 0) sb.append(", ");
                    sb.append('"');
                    inQuotes = true;
                }
                escape(sb, c, '"');
                i++;
                things++;
            }
        }
        if (inQuotes) sb.append('"');
        if (sb.length() == 0) sb.append("\"\"");
        if (ellipsis) sb.append("...");
        return sb.toString();
    }
}
