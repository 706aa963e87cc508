package dev.hindsight.dap.session;

import java.util.regex.Pattern;

/** C truth of a value as gdb prints it: zero integers, null pointers, {@code false}, 0.0 and {@code '\0'} are false. */
final class Truth {
    private static final Pattern FALSE = Pattern.compile(
            "(false|-?0+|0x0+|-?0*\\.0*(e[+-]?\\d+)?|-?0+\\.?0*(e[+-]?\\d+)?)(\\s.*)?", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private Truth() {}

    static boolean isTrue(String value) {
        return !FALSE.matcher(value.strip()).matches();
    }
}
