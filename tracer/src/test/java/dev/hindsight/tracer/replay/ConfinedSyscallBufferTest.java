package dev.hindsight.tracer.replay;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.compile.ServerRoot;
import dev.hindsight.tracer.compile.SessionDirectory;
import dev.hindsight.tracer.confine.Confinement;
import dev.hindsight.tracer.confine.Sandbox;
import dev.hindsight.tracer.confine.SandboxLimits;
import dev.hindsight.tracer.record.EventLog;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.record.SyscallTable;
import dev.hindsight.tracer.record.TraceEvent;
import dev.hindsight.tracer.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A confined recording (as the web UI's Record switch and a DAP launch with record make one:
 * {@code Options.confinedIn}) uses the system-call buffer too: the library is readable inside the
 * sandbox, its filter is installed on top of the confinement's, and the calls the confinement
 * refuses (which then fail without any stop, since the kernel takes the most severe answer of
 * the two filters) fail the same way in the replay, confined or not.
 */
class ConfinedSyscallBufferTest {
    // The outputs: refused with EPERM and ENOSYS by the confinement's filter, the kept child's write and status.
    private static final String EXPECTED = "unshare: -1 errno 1\nclone3: -1 errno 38\nchild\nchild exited: 3 errno 0\n";

    @Test
    void aConfinedRecordingBuffersItsCallsAndReplaysTheConfinementsRefusals(@TempDir Path base) throws Exception {
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx--x--x"));
        Path serverRoot = ServerRoot.create(base);
        Confinement c = Confinement.create(SandboxLimits.DEFAULTS, serverRoot);
        Path trace = base.resolve("trace");
        try (SessionDirectory dir = SessionDirectory.create(Map.of("HINDSIGHT_TMPDIR", serverRoot.toString())::get);
             Sandbox box = c.open(dir.path(), List.of(), null)) {
            // As a web session's program: built into the session's directory, the one place the sandbox shows besides the system's.
            Path exe = Files.copy(Fixtures.compile("syscallbuf_confined.c"), dir.path().resolve("syscallbuf_confined"));
            Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread[] drain = new Thread[1];
            Recorder.Result r = Recorder.record(Recorder.Options.of(exe, List.of()).withTraceDir(trace).confinedIn(box, dir.path())
                    .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.PIPE, LaunchSpec.Stdio.NULL, fds -> {
                        FileInputStream in = open(fds[1]);
                        drain[0] = new Thread(() -> {
                            try (in) {
                                in.transferTo(out);
                            } catch (java.io.IOException e) {
                                // the pipe ended
                            }
                        });
                        drain[0].start();
                    }));
            drain[0].join(60_000);
            assertEquals(EXPECTED, out.toString(StandardCharsets.UTF_8));
            assertEquals(0, r.exitStatus());
            String meta = Files.readString(trace.resolve("meta.properties"));
            assertTrue(meta.contains("syscall.buffer=true"), "the library was readable in the sandbox and its filter installed: " + meta);
            assertTrue(meta.contains("confinement.filter=confinement.bpf"), meta);
            assertTrue(EventLog.readAll(trace.resolve("events")).stream()
                    .anyMatch(e -> e instanceof TraceEvent.Syscall s && s.mode() == SyscallTable.Mode.BUFFERED && s.number() == 1));
            try (var s = Files.list(dir.path())) {
                assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".hindsight")).toList(),
                        "the library's copy is removed from the session's directory");
            }

            RecordReplayLockstepTest.Run replayed = RecordReplayLockstepTest.replay(trace);
            assertEquals(EXPECTED.replace("child\n", ""), replayed.stdout(), "the child is not replayed; the refused calls fail alike");
            assertEquals(r.exit(), replayed.exit());

        }
        // Replayed confined as a served recording is: a session of its own that sees the trace.
        try (SessionDirectory dir = SessionDirectory.create(Map.of("HINDSIGHT_TMPDIR", serverRoot.toString())::get);
             Sandbox box = c.open(dir.path(), List.of(trace), null)) {
            try (var files = Files.walk(trace)) {
                for (Path p : files.toList()) Files.setAttribute(p, "unix:uid", box.uid());
            }
            try (Target t = Target.replay(trace, box)) {
                assertEquals(new StopEvent.Exited(0, null), t.execution().resume().get(60, TimeUnit.SECONDS));
                assertEquals(EXPECTED.replace("child\n", ""), new String(t.stdio().stdout().readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    private static FileInputStream open(int fd) {
        try {
            FileInputStream in = new FileInputStream("/proc/self/fd/" + fd);
            dev.hindsight.tracer.sys.Files.closeQuietly(fd);
            return in;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
