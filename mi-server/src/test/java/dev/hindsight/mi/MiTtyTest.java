package dev.hindsight.mi;

import static dev.hindsight.tracer.testing.Await.until;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hindsight.mi.testing.MiProcess;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.mi.testing.Pty;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program's own terminal ({@code -inferior-tty-set}, console {@code tty}, {@code --tty=DEV}):
 * the program's stdin, stdout and stderr are that device, as with gdb 13: what it writes lands
 * there (no {@code @} records), and on a real terminal isatty() says so.
 */
class MiTtyTest {
    private static final Path PROGRAM = Fixtures.compile("tty_check.c");

    /** The program's run with its terminal set by {@code setTty}: the kinds of output records and the stop reason. */
    private static List<Object> run(MiProcess p, String setTty) {
        List<Object> seen = new ArrayList<>();
        if (setTty != null) seen.add(p.send(setTty).cls());
        List<MiRecord> rs = p.exchange("-exec-run");
        // a start that failed (^error) has no stop to wait for
        if (rs.stream().anyMatch(r -> r.kind() == '^' && r.cls().equals("running"))) rs.addAll(p.awaitStopped());
        seen.add(rs.stream().filter(r -> r.kind() == '@').count() + " @ records");
        seen.add(rs.get(rs.size() - 1).get("reason"));
        return seen;
    }

    /** The file's lines but gdb's own warning that a file cannot be a controlling terminal. */
    private static String programLines(Path file) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        for (String l : Files.readAllLines(file)) if (!l.contains("Failed to set controlling terminal")) b.append(l).append('\n');
        return b.toString();
    }

    @Test
    void aFileAsTheTerminalGetsTheProgramsOutputAsWithGdb(@TempDir Path tmp) throws Exception {
        List<String> contents = new ArrayList<>();
        List<List<Object>> runs = new ArrayList<>();
        for (boolean gdb : new boolean[] {true, false}) {
            Path file = Files.createFile(tmp.resolve((gdb ? "gdb" : "hindsight") + "-tty-set.txt"));
            try (MiProcess p = gdb ? MiProcess.gdb(PROGRAM) : MiProcess.hindsight(PROGRAM)) {
                runs.add(run(p, "-inferior-tty-set " + file));
            }
            contents.add(programLines(file));
            // and from the command line
            Path fromCommandLine = Files.createFile(tmp.resolve((gdb ? "gdb" : "hindsight") + "-tty-option.txt"));
            List<String> words = List.of("--tty=" + fromCommandLine, PROGRAM.toString());
            try (MiProcess p = gdb ? MiProcess.gdbCommandLine(words) : MiProcess.hindsightCommandLine(words)) {
                p.awaitPrompt();
                runs.add(run(p, null));
            }
            contents.add(programLines(fromCommandLine));
        }
        assertEquals(runs.subList(0, 2), runs.subList(2, 4));
        assertEquals(List.of("done", "0 @ records", "exited-normally"), runs.get(2));
        assertEquals(contents.subList(0, 2), contents.subList(2, 4));
        assertEquals("tty 0 0 0\nto stderr\n", contents.get(3));
    }

    @Test
    void onATerminalTheProgramSeesOneAsWithGdb() throws Exception {
        List<String> outputs = new ArrayList<>();
        for (boolean gdb : new boolean[] {true, false}) {
            try (Pty pty = new Pty(); MiProcess p = gdb ? MiProcess.gdb(PROGRAM) : MiProcess.hindsight(PROGRAM)) {
                // Vim's termdebug says it with the console's tty command
                p.send("-interpreter-exec console \"tty " + pty.path() + "\"");
                assertEquals(List.of("0 @ records", "exited-normally"), run(p, null));
                until("the program's lines on the terminal", () -> pty.output().contains("to stderr"));
                outputs.add(pty.output());
            }
        }
        assertEquals(outputs.get(0), outputs.get(1));
        assertEquals("tty 1 1 1\r\nto stderr\r\n", outputs.get(1));
    }

    @Test
    void theTerminalIsTheProgramsControllingTerminalAsWithGdb() throws Exception {
        List<String> outputs = new ArrayList<>();
        for (boolean gdb : new boolean[] {true, false}) {
            Path program = Fixtures.compile("tty_control.c");
            try (Pty pty = new Pty(); MiProcess p = gdb ? MiProcess.gdb(program) : MiProcess.hindsight(program)) {
                assertEquals(List.of("done", "0 @ records", "exited-normally"), run(p, "-inferior-tty-set " + pty.path()));
                until("the program's line on the terminal", () -> pty.output().contains("\n"));
                outputs.add(pty.output());
            }
        }
        assertEquals(outputs.get(0), outputs.get(1));
        assertEquals("/dev/tty opens, session leader 1, foreground 1\r\n", outputs.get(1));
    }

    @Test
    void aTerminalThatCannotBeOpenedFailsTheStartAsWithGdb() throws Exception {
        List<Object> seen = new ArrayList<>();
        for (boolean gdb : new boolean[] {true, false}) {
            try (MiProcess p = gdb ? MiProcess.gdb(PROGRAM) : MiProcess.hindsight(PROGRAM)) {
                p.send("-inferior-tty-set /nonexistent/tty");
                MiRecord r = p.send("-exec-run");
                seen.add(r.cls() + " " + r.get("msg"));
                seen.add(p.send("-break-insert main").cls()); // and the session goes on
            }
        }
        assertEquals(seen.subList(0, 2), seen.subList(2, 4));
    }

    /**
     * Emacs's pty (only its master held; deleted when it hangs up) is the program's terminal from
     * the start to the exit, as with gdb, which opens it only in the program's process: it must not
     * hang up before the program has it, or the device is gone ("cannot open the terminal").
     */
    @Test
    void aFrontEndsPtyDeletedOnHangUpStaysUntilTheProgramExitsAsWithGdb() throws Exception {
        List<Object> seen = new ArrayList<>();
        for (boolean gdb : new boolean[] {true, false}) {
            try (Pty pty = Pty.likeEmacs(); MiProcess p = gdb ? MiProcess.gdb(PROGRAM) : MiProcess.hindsight(PROGRAM)) {
                seen.addAll(run(p, "-inferior-tty-set " + pty.path()));
                until("the terminal's hang-up at the program's exit", () -> pty.outputAtHangUp() != null);
                seen.add(pty.outputAtHangUp());
            }
        }
        assertEquals(seen.subList(0, 4), seen.subList(4, 8));
        assertEquals(List.of("done", "0 @ records", "exited-normally", "tty 1 1 1\r\nto stderr\r\n"), seen.subList(4, 8));
    }
}
