package dev.hindsight.mi.cli;

import dev.hindsight.mi.commands.MiResult;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiOutput;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * gdb's {@code shell COMMAND} ({@code !COMMAND}): runs it with {@code /bin/sh -c}, its standard
 * output written as is on the debugger's (gdb's does the same, outside MI records) and its errors
 * on the debugger's standard error. VS Code's MIEngine sends {@code shell echo -e \\033c 1>&2} at the
 * first solib event to reset the program's terminal. Its standard input is not the debugger's
 * (that is the MI channel): it reads nothing.
 */
final class ShellCommand {
    private ShellCommand() {}

    static MiResult run(MiOutput out, String command) {
        if (command.isBlank()) throw new MiException("Hindsight's shell command needs a command to run");
        try {
            Process p = new ProcessBuilder("/bin/sh", "-c", command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            if (!text.isEmpty()) out.raw(text);
            return MiResult.done();
        } catch (IOException e) {
            throw new MiException("Cannot run the shell: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MiException("Interrupted.");
        }
    }
}
