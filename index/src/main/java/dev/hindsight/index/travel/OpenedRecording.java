package dev.hindsight.index.travel;

import dev.hindsight.index.IndexReader;
import dev.hindsight.tracer.ProgramStdio;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.replay.RecordedTrace;
import java.nio.file.Path;

/**
 * Opens a recorded and built run for debugging in both directions: a {@link Target} over its
 * index, whose {@code timeTravel()} is present, stopped at the run's first instruction. The trace
 * is validated as a replay would validate it, and the index as its reader does; either refusal is
 * a sentence for the user.
 */
public final class OpenedRecording {
    private OpenedRecording() {}

    /** Whether {@code traceDir} holds a built index (else only a forward replay is possible). */
    public static boolean isBuilt(Path traceDir) {
        return java.nio.file.Files.isRegularFile(traceDir.resolve("index").resolve("manifest.properties"));
    }

    /**
     * @throws dev.hindsight.tracer.record.TraceFormatException when the trace cannot be used
     * @throws dev.hindsight.index.IndexException when its index cannot
     */
    public static Target open(Path traceDir) {
        RecordedTrace trace = RecordedTrace.open(traceDir);
        IndexReader index = IndexReader.open(traceDir);
        try {
            IndexedBackend backend = new IndexedBackend(trace, index);
            return Target.open(backend, new ProgramStdio(null, backend.stdout(), backend.stderr()));
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }
}
