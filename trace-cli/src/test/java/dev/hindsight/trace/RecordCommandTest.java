package dev.hindsight.trace;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hindsight record} and {@code hindsight trace TRACE_DIR} as a user runs them: separate JVMs, real stdio. */
class RecordCommandTest {
    @TempDir Path tmp;

    record Run(int status, String stdout, String stderr) {}

    static Run run(Path cwd, String input, Class<?> main, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished");
        return new Run(p.exitValue(), out, err.get(30, TimeUnit.SECONDS));
    }

    private static Path traceOf(Run r) {
        Matcher m = Pattern.compile("trace written to (\\S+)").matcher(r.stderr());
        assertTrue(m.find(), r.stderr());
        return Path.of(m.group(1));
    }

    @Test
    void recordsWithTheTerminalsStdioIntoTheDefaultPlaceAndExitsWithTheProgramsStatus() throws Exception {
        Run r = run(tmp, "from the keyboard\n", RecordCommand.class, Fixtures.source("record_inputs.c").toString());
        assertEquals(3, r.status(), r.stderr());
        assertTrue(r.stdout().startsWith("line=from the keyboard\n"), r.stdout());
        assertTrue(r.stderr().contains("to stderr\n"), r.stderr());
        Path trace = tmp.resolve(traceOf(r));
        assertEquals(tmp.resolve("hindsight-traces").toRealPath(), trace.toRealPath().getParent());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(trace)));
        assertEquals(trace.toRealPath(), tmp.resolve("hindsight-traces/latest").toRealPath());

        // The replay shows the recorded output (as trace shows a program's: on stderr) and the same exit.
        Run replay = run(tmp, "", TraceCommand.class, trace.toString(), "--steps", "5");
        assertEquals(0, replay.status(), replay.stderr());
        assertEquals(6, replay.stdout().split("\n").length, "the stop at main and one per step: " + replay.stdout());
        Run whole = run(tmp, "", TraceCommand.class, trace.toString(), "--lines");
        assertTrue(whole.stderr().contains("line=from the keyboard"), whole.stderr());
        assertTrue(whole.stderr().contains("[program exited with code 3]"), whole.stderr());
    }

    @Test
    void bySyscallBufferDefaultLibcsReadsAndWritesAreBufferedAndTheTraceReplays() throws Exception {
        Path written = tmp.resolve("written.txt");
        String input = "buffered input\n";
        Run r = run(tmp, input, RecordCommand.class, "-o", tmp.resolve("t").toString(),
                Fixtures.source("syscallbuf_io.c").toString(), "--", written.toString(), "0");
        int sum = input.chars().sum();
        assertEquals(sum % 200, r.status(), r.stderr());
        assertTrue(r.stdout().startsWith(input.toUpperCase()), r.stdout());
        java.util.Properties meta = new java.util.Properties();
        try (var in = Files.newInputStream(tmp.resolve("t/meta.properties"))) {
            meta.load(in);
        }
        assertEquals("true", meta.getProperty("syscall.buffer"), "meta.properties: syscall.buffer");
        long buffered = dev.hindsight.tracer.record.EventLog.readAll(tmp.resolve("t/events")).stream()
                .filter(e -> e instanceof dev.hindsight.tracer.record.TraceEvent.Syscall c
                        && c.mode() == dev.hindsight.tracer.record.SyscallTable.Mode.BUFFERED).count();
        // 15 bytes in reads of 7 (3 with data and the one at the end), two writes for each with data
        assertEquals(4 + 2 * 3, buffered, "buffered calls");

        Run whole = run(tmp, "", TraceCommand.class, tmp.resolve("t").toString(), "--lines");
        assertTrue(whole.stderr().contains("total=" + input.length() + " sum=" + sum), whole.stderr());
        assertTrue(whole.stderr().contains("[program exited with code " + sum % 200 + "]"), whole.stderr());
    }

    @Test
    void noSyscallBufferStopsAtEveryCallAndSyscallBufferIsStillAccepted() throws Exception {
        String input = "unbuffered\n";
        int sum = input.chars().sum();
        for (String option : new String[] {"--no-syscall-buffer", "--syscall-buffer"}) {
            Path trace = tmp.resolve("t" + option);
            Run r = run(tmp, input, RecordCommand.class, option, "-o", trace.toString(),
                    Fixtures.source("syscallbuf_io.c").toString(), "--", tmp.resolve("w").toString(), "0");
            assertEquals(sum % 200, r.status(), r.stderr());
            java.util.Properties meta = new java.util.Properties();
            try (var in = Files.newInputStream(trace.resolve("meta.properties"))) {
                meta.load(in);
            }
            boolean on = option.equals("--syscall-buffer");
            assertEquals(String.valueOf(on), meta.getProperty("syscall.buffer"), option);
            long buffered = dev.hindsight.tracer.record.EventLog.readAll(trace.resolve("events")).stream()
                    .filter(e -> e instanceof dev.hindsight.tracer.record.TraceEvent.Syscall c
                            && c.mode() == dev.hindsight.tracer.record.SyscallTable.Mode.BUFFERED).count();
            // 11 bytes in reads of 7 (2 with data and the one at the end), two writes for each with data
            assertEquals(on ? 3 + 2 * 2 : 0, buffered, option + ": buffered calls");
        }
    }

    @Test
    void aTraceThatCannotBeReplayedIsOneSentence() throws Exception {
        Path bad = Files.createDirectory(tmp.resolve("not-a-trace"));
        Run r = run(tmp, "", TraceCommand.class, bad.toString());
        assertEquals(1, r.status());
        assertEquals("hindsight trace: " + bad + " is not a complete trace (no meta.properties; was the recording interrupted?)\n",
                r.stderr());
    }

    @Test
    void logsTheRecordingAndItsRefusalToTheLogFileLevelFirst() throws Exception {
        Path log = tmp.resolve("record.log");
        Path exe = Fixtures.compile("record_inputs.c");
        Run r = run(tmp, "typed\n", RecordCommand.class, "--log", "info=" + log, "-o", tmp.resolve("t").toString(), exe.toString());
        assertEquals(3, r.status(), r.stderr());
        Run refused = run(tmp, "", RecordCommand.class, "--log=info=" + log, "-o", tmp.resolve("t2").toString(),
                Fixtures.compile("threads.c").toString());
        assertEquals(1, refused.status());
        List<String> lines = Files.readAllLines(log);
        assertFalse(lines.isEmpty());
        for (String line : lines) assertTrue(line.matches("(ERROR|WARN|INFO|DEBUG) .*"), "level first: " + line);
        String all = String.join("\n", lines);
        assertTrue(all.contains("recording " + exe), all);
        int events = RecordedTraceEvents.count(tmp.resolve("t"));
        assertTrue(all.contains("recorded " + events + " events"), events + " events: " + all);
        assertTrue(all.matches("(?s).*WARN .*recording refused: the program starts a second thread.*"), all);
        assertFalse(r.stderr().contains("INFO"), "the terminal gets no log lines: " + r.stderr());
    }

    /** The event count as the trace's own metadata says (written by the recorder, read independently here). */
    private static final class RecordedTraceEvents {
        static int count(Path trace) throws java.io.IOException {
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newInputStream(trace.resolve("meta.properties"))) {
                p.load(in);
            }
            return Integer.parseInt(p.getProperty("events"));
        }
    }

    @Test
    void aRefusedRecordingSaysWhy() throws Exception {
        Run r = run(tmp, "", RecordCommand.class, "-o", tmp.resolve("t").toString(), Fixtures.compile("threads.c").toString());
        assertEquals(1, r.status());
        assertTrue(r.stderr().startsWith("hindsight record: cannot record this run: the program starts a second thread"), r.stderr());
        assertFalse(r.stderr().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(tmp.resolve("t")));
    }
}
