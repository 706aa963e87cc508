package dev.hindsight.mi.commands;

import dev.hindsight.mi.cli.ConsoleCommands;
import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.session.MiSession;

/** -interpreter-exec console "COMMAND": a console command, its output as console records. */
final class InterpreterCommands {
    private InterpreterCommands() {}

    static MiResult exec(MiSession s, MiCommand c) {
        if (c.args().size() < 2) throw new MiException("-interpreter-exec: Usage: -interpreter-exec interp command");
        String interp = c.args().get(0);
        if (!interp.equals("console")) throw new MiException("-interpreter-exec: could not find interpreter \"" + interp + "\"");
        MiResult r = MiResult.done();
        try {
            for (String line : c.args().subList(1, c.args().size())) r = ConsoleCommands.execute(s, line);
        } catch (MiException e) {
            s.out().log(e.getMessage() + "\n"); // gdb writes a console command's error to the log stream too
            throw e;
        }
        return r;
    }
}
