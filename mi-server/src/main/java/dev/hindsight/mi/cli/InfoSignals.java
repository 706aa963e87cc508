package dev.hindsight.mi.cli;

import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.tracer.Signal;
import java.util.Set;

/**
 * {@code info signals SIGNAME}: gdb's header and the signal's row, {@code SIGINT        Yes\tYes\tNo\t\tInterrupt},
 * with gdb's default handling (the program's own timer, child, I/O and window signals pass
 * silently; SIGINT and SIGTRAP are the debugger's). gdb's whole table (its 150 signals of every
 * system) is not printed.
 */
final class InfoSignals {
    private static final String HEADER = "Signal        Stop\tPrint\tPass to program\tDescription\n";
    /** gdb's signals that neither stop nor print by default (infrun.c's _initialize_infrun). */
    private static final Set<String> QUIET = Set.of("SIGALRM", "SIGURG", "SIGIO", "SIGPOLL", "SIGVTALRM", "SIGPROF", "SIGCHLD", "SIGWINCH", "SIGPRIO");
    /** Signals gdb keeps from the program by default. */
    private static final Set<String> NOT_PASSED = Set.of("SIGINT", "SIGTRAP");

    private InfoSignals() {}

    static void show(MiSession s, String name) {
        if (name.isEmpty()) throw new MiException("Hindsight's info signals takes a signal name: info signals SIGNAME");
        for (int n = 1; n <= 31; n++) {
            Signal sig = Signal.of(n);
            if (!sig.name().equals(name)) continue;
            String yes = QUIET.contains(name) ? "No" : "Yes";
            String pass = NOT_PASSED.contains(name) ? "No" : "Yes";
            s.out().console(HEADER + String.format("%-13s %s\t%s\t%s\t\t%s%n", name, yes, yes, pass, sig.description()));
            return;
        }
        throw new MiException("Hindsight's info signals knows Linux's signals 1-31 by name (SIGINT): not \"" + name + "\"");
    }
}
