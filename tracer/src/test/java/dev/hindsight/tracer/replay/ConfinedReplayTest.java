package dev.hindsight.tracer.replay;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.compile.SessionDirectory;
import dev.hindsight.tracer.confine.Confinement;
import dev.hindsight.tracer.confine.Sandbox;
import dev.hindsight.tracer.confine.SandboxLimits;
import dev.hindsight.tracer.compile.ServerRoot;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay runs confined like a web session: its own user and namespaces, and still the recorded run. */
class ConfinedReplayTest {
    @Test
    void aReplayRunsInsideASessionSandbox(@TempDir Path base) throws Exception {
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx--x--x"));
        Path serverRoot = ServerRoot.create(base);
        Confinement c = Confinement.create(SandboxLimits.DEFAULTS, serverRoot);
        Path trace = base.resolve("trace");
        Recorder.record(Recorder.Options.of(Fixtures.compile("hello.c"), List.of()).withTraceDir(trace)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
        try (SessionDirectory dir = SessionDirectory.create(Map.of("HINDSIGHT_TMPDIR", serverRoot.toString())::get);
             Sandbox box = c.open(dir.path(), List.of(trace), null)) {
            // A root server's session runs as a user of its own: the trace is that user's, as if it had recorded it.
            try (var files = Files.walk(trace)) {
                for (Path p : files.toList()) Files.setAttribute(p, "unix:uid", box.uid());
            }
            try (Target t = Target.replay(trace, box)) {
                String status = Files.readString(Path.of("/proc/" + t.pid() + "/status"));
                assertTrue(status.contains("\nUid:\t" + box.uid() + "\t"), status);
                assertTrue(Files.readString(Path.of("/proc/" + t.pid() + "/status")).contains("NSpid:\t" + t.pid() + "\t2"),
                        "in a PID namespace of its own");
                assertEquals(new StopEvent.Exited(0, null), t.execution().resume().get(60, TimeUnit.SECONDS));
                assertEquals("hello 3\n", new String(t.stdio().stdout().readAllBytes()));
            }
        }
    }
}
