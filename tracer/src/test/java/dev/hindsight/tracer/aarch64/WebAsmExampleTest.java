package dev.hindsight.tracer.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.StopEvent.Stopped;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The web page's AArch64 assembly example ({@code programs/aarch64/web_example.s}, which web-ui's
 * {@code examples-arch.test.mjs} holds equal to the menu's text) compiles with clang and steps
 * line by line as the page steps it: from main, every instruction's line in program order, the
 * loop's three lines five times (the ISA's subs/b.ne with the counter 5..1), the sum 15 in w0
 * after it, then the write system call and the exit status 0. Expected lines come from the
 * source's own text, not from the engine.
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "aarch64", disabledReason = "AArch64 only: misc/aarch64/run-tests.sh runs it")
class WebAsmExampleTest {
    private static final String FIXTURE = "aarch64/web_example.s";

    @Test
    void compilesAndStepsEveryLineOfMainThenExits() throws Exception {
        Path exe = Fixtures.compile(FIXTURE);
        List<String> source = Files.readAllLines(Path.of("src/test/resources/programs/" + FIXTURE), StandardCharsets.UTF_8);
        List<Integer> expected = new ArrayList<>();
        expected.add(lineOf(source, "mov     w0, #0"));
        expected.add(lineOf(source, "mov     w1, #5"));
        for (int i = 0; i < 5; i++) {
            expected.add(lineOf(source, "add     w0, w0, w1"));
            expected.add(lineOf(source, "subs    w1, w1, #1"));
            expected.add(lineOf(source, "b.ne    loop"));
        }
        // then every line to the ret: one instruction each, the syscall's svc among them
        for (int n = lineOf(source, "mov     w9, w0"); n <= lineOf(source, "ret"); n++) expected.add(n);
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            StopEvent e = t.execution().runToMain().get(60, TimeUnit.SECONDS);
            assertTrue(e instanceof Stopped, "at main: " + e);
            List<Integer> lines = new ArrayList<>();
            long sumAfterLoop = -1;
            while (true) {
                int line = t.frames().backtrace().get(0).line().line();
                lines.add(line);
                if (line == lineOf(source, "mov     w9, w0")) sumAfterLoop = t.registers().current().get("x0");
                if (line == lineOf(source, "ret") || lines.size() > expected.size()) break;
                e = t.execution().stepLine().get(60, TimeUnit.SECONDS);
                assertTrue(e instanceof Stopped, "a line step stops: " + e);
            }
            assertEquals(expected, lines, "main's lines in program order, the loop's five times");
            assertEquals(15, sumAfterLoop, "5 + 4 + 3 + 2 + 1 in w0 after the loop");
            assertEquals(new StopEvent.Exited(0, null), t.execution().resume().get(60, TimeUnit.SECONDS), "main returned 0");
        }
    }

    private static int lineOf(List<String> source, String instruction) {
        for (int i = 0; i < source.size(); i++) if (source.get(i).strip().startsWith(instruction)) return i + 1;
        throw new IllegalStateException("no line " + instruction);
    }
}
