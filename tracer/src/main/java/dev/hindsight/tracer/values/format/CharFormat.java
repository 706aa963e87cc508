package dev.hindsight.tracer.values.format;

/**
 * Characters and strings as gdb prints them: {@code 'A'}, {@code '\n'}, {@code '\310'}, and
 * strings where runs longer than the repeat threshold become {@code 'x' <repeats 12 times>}
 * segments and at most 200 elements are shown. Wide characters (wchar_t, char16_t, char32_t:
 * code units of 2 or 4 bytes) print the same way behind their prefix ({@code L"…"}); as gdb does
 * with its ASCII charset, a unit outside ASCII and the C1 controls shows as the octal escapes of
 * the four bytes of its UTF-32 form, whatever its width.
 */
public final class CharFormat {
    public static final int REPEAT_THRESHOLD = 10;
    public static final int PRINT_MAX = 200;

    private CharFormat() {}

    /** {@code 'A'} for a character value. */
    public static String quoted(int c) {
        return quoted(c, 1);
    }

    /** {@code 'A'} for a code unit of {@code width} bytes. */
    public static String quoted(long c, int width) {
        StringBuilder sb = new StringBuilder("'");
        escape(sb, mask(c, width), width, '\'');
        return sb.append('\'').toString();
    }

    private static long mask(long c, int width) {
        return width >= 8 ? c : c & ((1L << (8 * width)) - 1);
    }

    private static void escape(StringBuilder sb, long c, int width, char quote) {
        if (c >= 0x80 && (width == 1 || c < 0xa0)) {
            sb.append(String.format("\\%03o", c)); // a byte, or a C1 control: one escape
            return;
        }
        if (c >= 0x80) {
            // A wide unit the ASCII host charset cannot show: gdb prints the bytes of its UTF-32 form.
            for (int i = 0; i < 4; i++) sb.append(String.format("\\%03o", (c >>> (8 * i)) & 0xff));
            return;
        }
        switch ((int) c) {
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

    /** The code unit {@code index} of {@code width} little-endian bytes each. */
    public static long unit(byte[] bytes, int index, int width) {
        long v = 0;
        for (int b = width - 1; b >= 0; b--) v = v << 8 | (bytes[index * width + b] & 0xff);
        return v;
    }

    /**
     * A string of {@code length} bytes from {@code bytes}; {@code ellipsis} appends {@code ...}
     * (the string went on past what was read).
     */
    public static String string(byte[] bytes, int length, boolean ellipsis) {
        return string(bytes, 1, length, ellipsis);
    }

    /** A string of {@code length} code units of {@code width} bytes, without its prefix. */
    public static String string(byte[] bytes, int width, int length, boolean ellipsis) {
        StringBuilder sb = new StringBuilder();
        boolean inQuotes = false;
        int things = 0;
        int i = 0;
        while (i < length) {
            if (things >= PRINT_MAX) {
                ellipsis = true;
                break;
            }
            long c = unit(bytes, i, width);
            int run = 1;
            while (i + run < length && unit(bytes, i + run, width) == c) run++;
            if (run > REPEAT_THRESHOLD) {
                if (inQuotes) {
                    sb.append("\", ");
                    inQuotes = false;
                } else if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(quoted(c, width)).append(" <repeats ").append(run).append(" times>");
                i += run;
                things += REPEAT_THRESHOLD;
            } else {
                if (!inQuotes) {
                    if (sb.length() > 0) sb.append(", ");
                    sb.append('"');
                    inQuotes = true;
                }
                escape(sb, c, width, '"');
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
