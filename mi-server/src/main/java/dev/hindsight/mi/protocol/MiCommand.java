package dev.hindsight.mi.protocol;

import java.util.List;
import java.util.OptionalInt;

/**
 * One input line. An MI command ({@code 12-break-insert -t main}): its token, operation without
 * the dash, the generic options gdb strips before the command sees them ({@code --thread},
 * {@code --frame}), and its arguments with C strings unquoted. Or a console line ({@code cli}
 * true, {@code operation} null): the raw text after the token.
 */
public record MiCommand(String token, String operation, List<String> args, OptionalInt thread, OptionalInt frame,
                        boolean cli, String line) {
    public MiCommand {
        args = List.copyOf(args);
    }

    public static MiCommand console(String token, String line) {
        return new MiCommand(token, null, List.of(), OptionalInt.empty(), OptionalInt.empty(), true, line);
    }

    /** The text after the operation as it was written, quotes and all (for -exec-arguments). */
    public String rawArguments() {
        return cli ? line : line.substring(1 + operation.length()).strip();
    }

    /** The arguments after the operation, joined again (for commands that take the rest of the line). */
    public String rest() {
        return String.join(" ", args);
    }
}
