package dev.hindsight.mi.cli;

import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.session.MiSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code info signals [SIGNAL]} (and {@code info handle}): gdb's table of its signals (every
 * system's, in gdb's order, with gdb's default stop/print/pass and descriptions), or the header and
 * one row, {@code SIGINT        Yes\tYes\tNo\t\tInterrupt}. The rows are gdb 13's own output, kept
 * in {@code gdb-signals.txt}; {@code handle} does not change them yet.
 */
final class InfoSignals {
    private static final String HEADER = "Signal        Stop\tPrint\tPass to program\tDescription\n";
    private static final String FOOTER = "\nUse the \"handle\" command to change these tables.\n";
    private static final String NUMERIC_ONLY = "Only signals 1-15 are valid as numeric signals.\nUse \"info signals\" for a list of symbolic signals.";
    private static final List<String> ROWS = rows();

    private InfoSignals() {}

    static void show(MiSession s, String argument) {
        String arg = argument.strip();
        if (arg.isEmpty()) {
            StringBuilder table = new StringBuilder(HEADER).append('\n');
            for (String row : ROWS) table.append(row).append('\n');
            s.out().console(table.append(FOOTER).toString());
            return;
        }
        // gdb writes the header before it reads the argument, so an error comes after it
        s.out().console(HEADER);
        for (String row : ROWS) {
            if (row.startsWith(arg + " ")) {
                s.out().console(row + "\n");
                return;
            }
        }
        if (arg.matches("\\d+")) {
            // a number is gdb's own numbering, which is Unix's for the first fifteen (SIGHUP … SIGTERM)
            long n = Long.parseLong(arg.length() > 9 ? "0" : arg);
            if (n < 1 || n > 15) throw new MiException(NUMERIC_ONLY);
            s.out().console(ROWS.get((int) n - 1) + "\n");
            return;
        }
        throw new MiException("No symbol \"" + arg + "\" in current context.");
    }

    private static List<String> rows() {
        try (InputStream in = InfoSignals.class.getResourceAsStream("gdb-signals.txt")) {
            if (in == null) throw new IllegalStateException("gdb-signals.txt is missing from the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#") && !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
