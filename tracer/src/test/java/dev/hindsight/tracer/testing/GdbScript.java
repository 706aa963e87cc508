package dev.hindsight.tracer.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs gdb in batch mode on a Python script that writes its findings to a file, with exactly the
 * given environment ({@code env -i}), in a temporary directory removed afterwards.
 */
final class GdbScript {
    /** Reads what the script wrote. */
    interface Reader<T> {
        T read(Path out) throws IOException;
    }

    private GdbScript() {}

    /** {@code script} gets the path the script must write to. */
    static <T> T run(Path binary, List<String> environment, int timeoutSeconds, Function<Path, String> script,
                     Reader<T> reader) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("hindsight-gdb");
        try {
            Path out = dir.resolve("out.json");
            Path file = dir.resolve("oracle.py");
            Files.writeString(file, script.apply(out));
            List<String> cmd = new ArrayList<>(List.of("env", "-i"));
            cmd.addAll(environment);
            cmd.addAll(List.of("gdb", "-nx", "-batch", "-x", file.toString(), binary.toString()));
            // The inferior inherits gdb's stdio: pipes, as Hindsight gives its programs (fstat tells).
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("gdb timed out");
            }
            if (!Files.exists(out) || Files.size(out) == 0) throw new IllegalStateException("gdb produced nothing: " + log);
            return reader.read(out);
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
