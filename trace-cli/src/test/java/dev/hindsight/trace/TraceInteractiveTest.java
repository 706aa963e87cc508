package dev.hindsight.trace;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.tracer.testing.Fixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Output is buffered for speed, but a program waiting for its input must not hide the trace: by
 * the time it blocks in {@code read(0, …)}, every stop up to that {@code syscall} has been printed.
 * terminal.c reads lines from stdin with fgets; the test answers only once it has seen the stop.
 */
class TraceInteractiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String END = "end of stdout";

    @Test
    void everyStopBeforeABlockingReadIsShownWhileTheProgramWaits() throws Exception {
        Path exe = Fixtures.compile("terminal.c");
        String[] readStop = new String[1];
        answeredAfter(exe, List.of("--json"), line -> {
            JsonNode stop = json(line);
            boolean readsStdin = stop.get("insn").asText().equals("syscall")
                    && stop.get("regs").get("rax").asText().equals("0x0") && stop.get("regs").get("rdi").asText().equals("0x0");
            if (readsStdin) readStop[0] = stop.get("pc").asText() + " <" + stop.get("symbol").asText() + ">";
            return readsStdin;
        });
        // The text lines show the same stop (address, symbol) before the program gets its input.
        answeredAfter(exe, List.of(), line -> line.startsWith(readStop[0] + " ") && line.contains(" syscall"));
    }

    /** Runs the trace, waits (generously) for a line {@code waitFor} accepts, only then gives the program its input. */
    private static void answeredAfter(Path exe, List<String> options, Predicate<String> waitFor) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TraceCommand.class.getName(), exe.toString()));
        cmd.addAll(options);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = in.readLine()) != null; ) lines.add(l);
                } catch (java.io.IOException e) {
                    // the process is gone
                }
                lines.add(END);
            });
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int seen = 0;
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertNotNull(line, "no stop at the read from stdin shown within 120 s, " + seen + " lines shown before it");
                assertNotEquals(END, line, "the trace ended before the program read its input");
                seen++;
                if (waitFor.test(line)) break;
            }
            p.getOutputStream().write("typed\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the trace ends once the program has its input");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError(line, e);
        }
    }
}
