package dev.hindsight.tracer.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.ProgramTerminal;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run recorded on a pseudo-terminal ({@link Recorder.Options#withTerminal}) and replayed with
 * none: what the program learnt from its terminal (isatty's TCGETS, the window size, /dev/tty, its
 * session and foreground group, the line it read and ^D) comes from the recording, so the replay
 * prints what the recorded run printed. The expected text is the fixture's, known by hand (as
 * {@code TerminalLaunchTest} sees it live).
 */
class TerminalRecordingTest {
    @TempDir Path tmp;

    @Test
    void aRunRecordedOnATerminalReplaysWithoutOne() throws Exception {
        Path trace = tmp.resolve("t");
        StringBuffer seen = new StringBuffer();
        AtomicReference<Thread> reader = new AtomicReference<>();
        Recorder.record(Recorder.Options.of(Fixtures.compile("terminal.c"), List.of()).withTraceDir(trace)
                .withTerminal(LaunchSpec.Terminal.pseudo(24, 80), terminal -> {
                    try {
                        // Typed ahead, as a user may: the terminal holds the line and ^D until the program reads.
                        terminal.input().write(("hello\n" + (char) ProgramTerminal.EOF).getBytes(StandardCharsets.US_ASCII));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    Thread t = new Thread(() -> {
                        try (terminal) {
                            byte[] b = new byte[4096];
                            for (int n; (n = terminal.output().read(b)) > 0; ) seen.append(new String(b, 0, n, StandardCharsets.UTF_8));
                        } catch (java.io.IOException e) {
                            seen.append("[read failed: ").append(e.getMessage()).append(']');
                        }
                    }, "recorded-terminal");
                    t.setDaemon(true);
                    t.start();
                    reader.set(t);
                }));
        assertNotNull(reader.get(), "the master of the program's terminal was handed over");
        reader.get().join(60_000);
        String first = "isatty 1 1 1, /dev/tty opens, session leader 1, foreground 1, 24x80\n";
        assertTrue(seen.toString().contains(first.replace("\n", "\r\n") + "before the breakpoint\r\n"), seen.toString());
        assertTrue(seen.toString().contains("read [hello]\r\nend of input\r\n"), seen.toString());

        try (Target replay = Target.replay(trace, null)) {
            assertEquals(new StopEvent.Exited(0, null), replay.execution().resume().get(60, TimeUnit.SECONDS));
            // The program's own bytes (the terminal's CR LF and echo were the terminal's, not the program's).
            assertEquals(first + "before the breakpoint\nread [hello]\nend of input\n",
                    new String(replay.stdio().stdout().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals("to stderr\n", new String(replay.stdio().stderr().readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
