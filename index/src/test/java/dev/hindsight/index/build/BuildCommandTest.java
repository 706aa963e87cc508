package dev.hindsight.index.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.index.IndexException;
import dev.hindsight.index.IndexReader;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `hindsight build` as a command: bad input, an interrupted build, the log. */
class BuildCommandTest {
    @TempDir Path tmp;

    record Ran(int status, String out, String err) {}

    private static Ran run(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int status = BuildCommand.run(args);
            return new Ran(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Path record(String iterations) throws Exception {
        Path trace = tmp.resolve("trace");
        Recorder.record(Recorder.Options.of(Fixtures.compile("build_compute.c"), List.of(iterations)).withTraceDir(trace)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
        return trace;
    }

    @Test
    void badCommandLinesAndTracesGetASentenceAndAStatus() throws Exception {
        assertEquals(2, run().status());
        assertTrue(run().err().contains("which trace?"));
        assertTrue(run("t", "--shards", "zero").err().contains("--shards needs a number, not 'zero'"));
        assertTrue(run("t", "--shards", "0").err().contains("between 1 and 1024"));
        assertTrue(run("t", "--bogus").err().contains("unknown option --bogus"));

        Ran missing = run(tmp.resolve("nowhere").toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("no trace directory"), missing.err());

        Path notATrace = Files.createDirectories(tmp.resolve("empty"));
        Ran empty = run(notATrace.toString());
        assertEquals(1, empty.status());
        assertFalse(empty.err().contains("\tat "), "no stack trace: " + empty.err());
        assertTrue(empty.err().startsWith("hindsight build: "), empty.err());

        Path trace = record("1000");
        Files.write(trace.resolve("events"), new byte[] {1, 2, 3});
        Ran corrupt = run(trace.toString());
        assertEquals(1, corrupt.status());
        assertFalse(corrupt.err().contains("\tat "), "no stack trace: " + corrupt.err());
        assertTrue(corrupt.err().contains("events"), corrupt.err());
    }

    @Test
    void aBuildKilledHalfWayLeavesNoIndexAndTheNextBuildIsWhole() throws Exception {
        // 10,000 iterations: 0.54 million instructions (callgrind); the two whole builds below step
        // them all again. Left alone, the build went on for 22 s after shard-1 appeared (loaded
        // 2-core VM): ample against the 20 ms poll before the kill.
        Path trace = record("10000");
        Path log = tmp.resolve("build.log");
        Process p = new ProcessBuilder("java", "-cp", System.getProperty("java.class.path"),
                "dev.hindsight.index.build.BuildCommand", trace.toString(), "--shards", "2", "--log", "info=" + log)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("killed.out").toFile()).start();
        Path staging = trace.resolve("index.staging");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(staging.resolve("shard-1")) && System.nanoTime() < deadline && p.isAlive()) Thread.sleep(20);
        assertTrue(p.isAlive(), "the build was still running when it was killed: " + Files.readString(tmp.resolve("killed.out")));
        p.destroyForcibly().waitFor();

        IndexException refused = assertThrows(IndexException.class, () -> IndexReader.open(trace));
        assertTrue(refused.getMessage().contains("hindsight build"), refused.getMessage());

        Ran again = run(trace.toString(), "--shards", "2");
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().contains("instructions indexed"), again.out());
        assertFalse(Files.exists(staging));
        long count;
        try (IndexReader r = IndexReader.open(trace)) {
            count = r.instructionCount();
        }
        assertTrue(run(trace.toString()).out().contains("already indexed"));
        assertEquals(0, run(trace.toString(), "--force", "--shards", "1").status());
        try (IndexReader r = IndexReader.open(trace)) {
            assertEquals(count, r.instructionCount(), "a rebuild in another number of shards");
        }
        for (String line : Files.readAllLines(log)) assertTrue(line.matches("^(ERROR|WARN|INFO|DEBUG) .*"), line);
        assertTrue(Files.readString(log).contains("into 2 shards"), Files.readString(log));
    }
}
