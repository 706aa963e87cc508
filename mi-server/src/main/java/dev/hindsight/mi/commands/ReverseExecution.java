package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiException;
import java.util.Set;

/**
 * Reverse execution ({@code --reverse}, {@code reverse-step}…, {@code record}): it needs a
 * recorded run, which {@code hindsight record} makes and {@code hindsight gdb} cannot serve yet.
 * Until then every such command is refused the way gdb refuses it on a live process, with a
 * sentence saying what would make it work.
 */
public final class ReverseExecution {
    /** gdb's console commands that run backwards, with their abbreviations. */
    public static final Set<String> CONSOLE_COMMANDS = Set.of("reverse-step", "rs", "reverse-next", "rn",
            "reverse-continue", "rc", "reverse-finish", "reverse-stepi", "rsi", "reverse-nexti", "rni");

    private ReverseExecution() {}

    /** gdb's sentence for a target that cannot go backwards, then why and what would. */
    public static MiException unsupported() {
        return new MiException("Target native does not support this command.  Reverse execution needs a recorded run"
                + " (hindsight record); hindsight gdb debugs live processes only.");
    }

    /** gdb's {@code record} (full, btrace…): Hindsight records runs outside gdb. */
    public static MiException noInProcessRecording() {
        return new MiException("Hindsight does not record from inside gdb: record the run with hindsight record."
                + "  Reverse execution needs a recorded run; hindsight gdb debugs live processes only.");
    }
}
