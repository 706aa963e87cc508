package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.compile.ServerRoot;
import dev.hindsight.tracer.compile.SessionDirectory;
import dev.hindsight.tracer.confine.Confinement;
import dev.hindsight.tracer.confine.Sandbox;
import dev.hindsight.tracer.confine.SandboxLimits;
import dev.hindsight.tracer.sys.Terminals;
import dev.hindsight.tracer.testing.Fixtures;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program on a terminal ({@link LaunchSpec#terminal()}), as in a shell: isatty() holds, its
 * output is line-buffered so a line arrives while the program is stopped after printing it, the
 * terminal is its controlling terminal, and typed input is echoed, line-edited and ends with ^D.
 */
class TerminalLaunchTest {
    private static final Path PROGRAM = Fixtures.compile("terminal.c");
    private static final int PRINTED = Fixtures.line("terminal.c", "printed");
    private static final String DEL = "\u007f", EOF = "\u0004";

    /** Everything read from {@code in} so far, read by a thread of its own. */
    private static StringBuffer collect(InputStream in) {
        StringBuffer seen = new StringBuffer();
        Thread t = new Thread(() -> {
            byte[] b = new byte[4096];
            try {
                for (int n; (n = in.read(b)) > 0; ) seen.append(new String(b, 0, n, StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                seen.append("[read failed: ").append(e.getMessage()).append(']');
            }
        }, "terminal-reader");
        t.setDaemon(true);
        t.start();
        return seen;
    }

    /** Stops after the program printed its lines, checks them, types a line and ^D. */
    private static void converse(Target t, StringBuffer seen, OutputStream keyboard, String size) throws Exception {
        t.breakpoints().addLine("terminal.c", PRINTED);
        assertEquals(StopEvent.Reason.BREAKPOINT, stopped(t.execution().resume()).reason());
        // Still stopped: a pipe would hold these lines in the program's buffer until it exits.
        until("the printed lines while stopped at the breakpoint", () -> seen.toString().contains("breakpoint\r\n"));
        assertEquals("isatty 1 1 1, /dev/tty opens, session leader 1, foreground 1, " + size + "\r\n"
                + "before the breakpoint\r\n", seen.toString());
        // "helx", erase one character, "lo": the terminal's line editing, echoed as a terminal does.
        keyboard.write(("helx" + DEL + "lo\n").getBytes(StandardCharsets.UTF_8));
        keyboard.write(EOF.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        // The kernel echoes typed input from a work queue, not in the write: wait for the echo
        // before resuming, or the program's next output can overtake it.
        until("the echo of the typed line", () -> seen.toString().contains("breakpoint\r\nhelx\b \blo\r\n"));
        assertEquals(new StopEvent.Exited(0, null), exited(t.execution().resume()));
        until("the end of input", () -> seen.toString().contains("end of input\r\n"));
        String after = seen.toString().substring(seen.indexOf("breakpoint\r\n") + "breakpoint\r\n".length());
        assertTrue(after.startsWith("helx\b \blo\r\n"), "echo with the erased character rubbed out: " + after);
        assertTrue(after.contains("to stderr\r\n"), after);
        assertTrue(after.contains("read [hello]\r\nend of input\r\n"), after);
    }

    @Test
    void aProgramOnANewPseudoTerminalHasItAsItsControllingTerminal() throws Exception {
        try (Target t = Target.launch(LaunchSpec.of(PROGRAM).withTerminal(LaunchSpec.Terminal.pseudo(24, 80)))) {
            ProgramTerminal terminal = t.terminal();
            assertNotNull(terminal);
            assertSame(terminal.output(), t.stdio().stdout());
            assertNull(t.stdio().stderr(), "stderr is the same terminal");
            StringBuffer seen = collect(terminal.output());
            converse(t, seen, terminal.input(), "24x80");
        }
    }

    @Test
    void theWindowSizeCanBeChangedWhileTheProgramRuns() {
        try (Target t = Target.launch(LaunchSpec.of(PROGRAM).withTerminal(LaunchSpec.Terminal.pseudo(24, 80)))) {
            assertArrayEquals(new int[] {24, 80}, t.terminal().windowSize());
            t.terminal().resize(50, 132);
            assertArrayEquals(new int[] {50, 132}, t.terminal().windowSize());
        }
    }

    @Test
    void anExistingTerminalDeviceBecomesTheProgramsTerminal() throws Exception {
        // The terminal someone else made (a terminal window, a front end's): we hold its master.
        Terminals.Pair pair = Terminals.open();
        try {
            Terminals.setWindowSize(pair.master(), 33, 99);
            StringBuffer seen = collect(new InputStream() {
                @Override
                public int read() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    int n = Terminals.read(pair.master(), b, off, len);
                    return n <= 0 ? -1 : n;
                }
            });
            OutputStream keyboard = new OutputStream() {
                @Override
                public void write(int b) {
                    Terminals.write(pair.master(), new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    Terminals.write(pair.master(), b, off, len);
                }
            };
            try (Target t = Target.launch(LaunchSpec.of(PROGRAM).withTerminal(LaunchSpec.Terminal.device(pair.slavePath())))) {
                assertNull(t.terminal(), "the master is not ours");
                assertNull(t.stdio().stdout());
                converse(t, seen, keyboard, "33x99");
            }
        } finally {
            dev.hindsight.tracer.sys.Files.closeQuietly(pair.master());
        }
    }

    @Test
    void aConfinedProgramGetsItsTerminalToo(@TempDir Path base) throws Exception {
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx--x--x"));
        Path serverRoot = ServerRoot.create(base);
        Confinement c = Confinement.create(SandboxLimits.DEFAULTS, serverRoot);
        try (SessionDirectory dir = SessionDirectory.create(Map.of("HINDSIGHT_TMPDIR", serverRoot.toString())::get);
             Sandbox box = c.open(dir.path(), List.of(), null)) {
            Path exe = Files.copy(PROGRAM, dir.path().resolve("terminal"));
            Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
            LaunchSpec spec = LaunchSpec.of(exe).withEnvironment(box.environment()).withSandbox(box)
                    .withTerminal(LaunchSpec.Terminal.pseudo(24, 80));
            try (Target t = Target.launch(spec)) {
                assertTrue(Files.readString(Path.of("/proc/" + t.pid() + "/status")).contains("NSpid:\t" + t.pid() + "\t2"),
                        "in the sandbox's PID namespace");
                converse(t, collect(t.terminal().output()), t.terminal().input(), "24x80");
            }
        }
    }
}
