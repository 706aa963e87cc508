package dev.hindsight.dap.testing;

import dev.hindsight.index.build.Builder;
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

    /** Recorded and indexed in two shards, so reverse queries cross a shard boundary. */
    public static Path recordAndBuild(String fixture, Path dir) throws Exception {
        Path trace = record(fixture, dir);
        Builder.build(trace, 2, null, false);
        return trace;
    }
}
