package dev.hindsight.mi;

import dev.hindsight.tracer.compile.ServerRoot;
import dev.hindsight.tracer.compile.SessionDirectory;
import dev.hindsight.tracer.confine.ConfineOptions;
import dev.hindsight.tracer.confine.ConfinementException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code hindsight gdb}: gdb's command line, then the MI (or console) session on stdin/stdout. */
public final class GdbMain {
    private GdbMain() {}

    public static void main(String[] all) throws IOException {
        GdbOptions o;
        ConfineOptions confine;
        try {
            confine = ConfineOptions.extract(all, false);
            o = GdbOptions.parse(confine.rest());
        } catch (IllegalArgumentException e) {
            System.err.println("hindsight gdb: " + e.getMessage());
            System.err.println("Use `hindsight gdb --help' for a complete list of options.");
            System.exit(1);
            return;
        }
        PrintStream stdout = System.out;
        if (o.version()) {
            stdout.println(GdbOptions.VERSION_TEXT);
            return;
        }
        if (o.help()) {
            stdout.print(GdbOptions.HELP);
            return;
        }
        // The protocol owns stdout: anything else the JVM or a library prints goes to stderr.
        System.setOut(System.err);
        MiServer server = new MiServer(stdout, !o.mi());
        server.session().breakpoints().miVersion(o.miVersion());
        if (o.tty() != null) server.session().settings().set("inferior-tty " + o.tty());
        if (confine.enabled()) {
            try {
                Path root = ServerRoot.create(SessionDirectory.baseDirectory(System::getenv));
                server.session().confine(confine.createOrNull(root), root);
            } catch (ConfinementException | IOException e) {
                System.err.println("hindsight gdb: --confine: " + e.getMessage());
                System.exit(1);
            }
        }
        for (String c : o.earlyCommands()) server.startupCommand(c);
        if (o.trace() != null) {
            try {
                server.session().post(() -> server.session().serveTrace(Path.of(o.trace()))).get();
            } catch (Exception e) {
                Throwable why = e.getCause() != null ? e.getCause() : e;
                System.err.println("hindsight gdb: --trace: " + why.getMessage());
                System.exit(1);
            }
        } else if (o.program() != null) {
            try {
                server.session().post(() -> {
                    server.session().setProgram(Path.of(o.program()));
                    server.session().settings().set("args " + String.join(" ", quote(o.programArgs())));
                }).get();
            } catch (Exception e) {
                System.err.println(o.program() + ": No such file or directory.");
            }
        }
        server.greet();
        if (o.pid() != null) server.startupCommand("attach " + o.pid());
        if (o.core() != null) server.loadCore(Path.of(o.core()));
        for (String c : o.commands()) {
            if (c.startsWith("@file:")) {
                for (String line : Files.readAllLines(Path.of(c.substring(6)))) {
                    if (!line.isBlank() && !line.strip().startsWith("#")) server.startupCommand(line);
                }
            } else {
                server.startupCommand(c);
            }
            if (server.exited()) break;
        }
        if (o.batch() || server.exited()) {
            server.close();
            System.exit(0);
        }
        server.serve(System.in);
        System.exit(0);
    }

    /** Arguments as gdb's {@code args} setting holds them: shell words. */
    private static List<String> quote(List<String> args) {
        return args.stream().map(a -> a.isEmpty() || a.matches(".*[\\s'\"\\\\].*") ? "'" + a.replace("'", "'\\''") + "'" : a).toList();
    }
}
