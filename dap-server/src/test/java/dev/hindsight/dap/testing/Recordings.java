package dev.hindsight.dap.testing;

import dev.hindsight.index.testing.BuiltRecordings;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.record.Recorder;
import java.nio.file.Path;
import java.util.List;

/** Fixture runs recorded (stdio discarded) and, for reverse execution, built into an index. */
public final class Recordings {
    private Recordings() {}

    public static Path record(String fixture, Path dir) throws Exception {
        Path trace = dir.resolve(fixture.replaceAll("[^A-Za-z0-9_]", "_") + "-trace");
        Recorder.record(Recorder.Options.of(Programs.compile(fixture), List.of()).withTraceDir(trace)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
        return trace;
    }

    /** The fixture recorded and indexed in two shards, once per test run ({@link BuiltRecordings}). */
    public static Path built(String fixture) {
        return BuiltRecordings.of(Programs.compile(fixture));
    }
}
