package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.dap.testing.StreamClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `hindsight dap` ended by a signal still removes what its sessions left in the temp directory. */
@Timeout(180)
class ShutdownTest {
    @Test
    void sigtermRemovesTheSessionDirectory(@TempDir Path tmp, @TempDir Path logs) throws Exception {
        Path log = logs.resolve("stderr.txt");
        ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DapMain.class.getName());
        b.environment().put("HINDSIGHT_TMPDIR", tmp.toString());
        // Read by nobody while it runs: a pipe could fill and block the server's logging.
        b.redirectError(log.toFile());
        Process p = b.start();
        try {
            StreamClient c = new StreamClient(p.getInputStream(), p.getOutputStream(), p::destroy);
            c.launch(Map.of("sources", List.of(Map.of("name", "main.c", "text", "int main(void) { for (;;); }\n")),
                    "stopOnEntry", true));
            assertEquals(1, count(tmp), "a session directory while debugging");
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ended");
            assertEquals(0, count(tmp), () -> "removed at shutdown (exit " + p.exitValue() + "), left: " + listing(tmp)
                    + "\nserver log:\n" + read(log));
        } finally {
            p.destroyForcibly();
        }
    }

    private static String listing(Path dir) {
        try (var files = Files.walk(dir)) {
            return files.map(Path::toString).toList().toString();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static long count(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }
}
