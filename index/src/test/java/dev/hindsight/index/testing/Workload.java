package dev.hindsight.index.testing;

import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The workload fixture recorded live once per test JVM (a recording is ~10 s of single steps). */
public final class Workload {
    public record Run(Path program, Path recording, long steps, Expected expected) {}

    private static Run run;

    private Workload() {}

    public static synchronized Run recorded() throws Exception {
        if (run == null) {
            Path program = Fixtures.compile("index_workload.c");
            Path dir = Files.createTempDirectory("hindsight-index-workload");
            dir.toFile().deleteOnExit();
            Path recording = dir.resolve("run.rec");
            long steps;
            try (Recording.Writer w = new Recording.Writer(recording)) {
                steps = LiveRecorder.record(program, List.of("2"), 2_000_000, 97, w);
            }
            recording.toFile().deleteOnExit();
            run = new Run(program, recording, steps, Expected.of(recording));
        }
        return run;
    }
}
