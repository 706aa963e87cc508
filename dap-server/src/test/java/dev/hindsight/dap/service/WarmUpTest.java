package dev.hindsight.dap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's warm-up session: it steps its built-in program as many times as asked, stops
 * early when a real session begins, and leaves no file behind (its program was compiled under
 * the temp root given, in a session directory of its own).
 */
class WarmUpTest {
    @TempDir
    Path root;

    @Test
    void stepsAsAskedAndLeavesNothingBehind() throws IOException {
        assertEquals(120, WarmUp.run(120, () -> false, root));
        assertEquals(List.of(), left());
    }

    @Test
    void stopsWhenASessionBegins() throws IOException {
        AtomicInteger asked = new AtomicInteger();
        // The service says a session began once the warm-up has made 5 steps.
        int steps = WarmUp.run(10_000, () -> asked.incrementAndGet() > 5, root);
        assertEquals(5, steps);
        assertEquals(List.of(), left());
    }

    @Test
    void itsProgramIsBuiltWhereTheSessionsAre() throws Exception {
        // While it runs, its session directory (with the compiled program) is under the root given:
        // the files the first test finds gone were there.
        AtomicInteger asked = new AtomicInteger();
        List<Path>[] during = new List[1];
        WarmUp.run(10_000, () -> {
            if (asked.incrementAndGet() == 3) during[0] = left();
            return asked.get() > 3;
        }, root);
        assertTrue(during[0].stream().anyMatch(p -> p.getFileName().toString().startsWith("warm-up")), String.valueOf(during[0]));
        assertEquals(List.of(), left());
    }

    private List<Path> left() {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !p.equals(root)).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
