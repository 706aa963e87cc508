package dev.hindsight.index.testing;

import dev.hindsight.index.build.Builder;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.record.Recorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A program's run recorded (stdio discarded) and built into an index in two shards, so reverse
 * queries cross a shard boundary: once per test run and program, shared by every test class that
 * asks (they only read it; this module's, dap-server's and mi-server's through the test-jar), and
 * removed when the JVM ends.
 */
public final class BuiltRecordings {
    private static final Map<Path, Path> BUILT = new ConcurrentHashMap<>();
    private static Path shared;

    private BuiltRecordings() {}

    /** The trace directory of {@code program}'s recorded and built run. */
    public static Path of(Path program) {
        return BUILT.computeIfAbsent(program.toAbsolutePath().normalize(), p -> {
            try {
                Path trace = sharedDirectory().resolve(p.getFileName() + "-trace");
                Recorder.record(Recorder.Options.of(p, List.of()).withTraceDir(trace)
                        .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
                Builder.build(trace, 2, null, false);
                return trace;
            } catch (Exception e) {
                throw new IllegalStateException("cannot record and build " + p, e);
            }
        });
    }

    private static synchronized Path sharedDirectory() throws IOException {
        if (shared == null) {
            Path target = Paths.get("target").toAbsolutePath();
            Files.createDirectories(target);
            shared = Files.createTempDirectory(target, "recordings-");
            Path dir = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        }
        return shared;
    }

    private static void delete(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
