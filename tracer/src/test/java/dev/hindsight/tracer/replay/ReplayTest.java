package dev.hindsight.tracer.replay;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {
    @TempDir Path tmp;

    @Test
    void replaysHelloWithItsOutputAndExit() throws Exception {
        Path trace = tmp.resolve("t");
        Recorder.record(Recorder.Options.of(Fixtures.compile("hello.c"), List.of()).withTraceDir(trace)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
        try (Target t = Target.replay(trace, null)) {
            StopEvent end = t.execution().resume().get(60, TimeUnit.SECONDS);
            assertEquals(new StopEvent.Exited(0, null), end);
            assertEquals("hello 3\n", new String(t.stdio().stdout().readAllBytes()));
        }
    }
}
