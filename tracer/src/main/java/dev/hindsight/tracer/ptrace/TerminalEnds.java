package dev.hindsight.tracer.ptrace;

import dev.hindsight.tracer.LaunchException;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.sys.Files;
import dev.hindsight.tracer.sys.NativeException;
import dev.hindsight.tracer.sys.Terminals;

/**
 * The two ends of a launch's terminal: the slave the program gets as fds 0, 1 and 2 (ours closed
 * once it is spawned) and the master we keep (-1 for an existing device: its master is someone
 * else's, e.g. the terminal window the user reads).
 */
record TerminalEnds(int master, int slave) {

    static TerminalEnds open(LaunchSpec.Terminal terminal) {
        if (terminal.device() != null) {
            int fd;
            try {
                fd = Terminals.openDevice(terminal.device());
            } catch (NativeException e) {
                throw new LaunchException("cannot open the terminal " + terminal.device() + ": " + e.getMessage(), e);
            }
            // Not necessarily a terminal: gdb's 'tty FILE' sends the program's output to a file.
            return new TerminalEnds(-1, fd);
        }
        Terminals.Pair pair = Terminals.open();
        try {
            if (terminal.rows() > 0 && terminal.columns() > 0) {
                Terminals.setWindowSize(pair.master(), terminal.rows(), terminal.columns());
            }
            return new TerminalEnds(pair.master(), Terminals.openDevice(pair.slavePath()));
        } catch (RuntimeException e) {
            Files.closeQuietly(pair.master());
            throw e;
        }
    }
}
