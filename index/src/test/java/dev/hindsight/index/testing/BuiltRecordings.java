package dev.hindsight.index.travel;

import dev.hindsight.index.build.Builder;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;

/** A fixture recorded (stdio discarded) and built into an index in two shards, so reverse queries cross a shard boundary. */
final class RecordedFixture {
    private RecordedFixture() {}

    static Path recordAndBuild(String fixture, Path dir) throws Exception {
        Path program = Fixtures.compile(fixture);
        Path trace = dir.resolve(fixture + "-trace");
        Recorder.record(Recorder.Options.of(program, List.of()).withTraceDir(trace)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
        Builder.build(trace, 2, null, false);
        return trace;
    }
}
