package dev.hindsight.tracer.replay;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.record.EventLog;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.record.SyscallTable;
import dev.hindsight.tracer.record.TraceEvent;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program that forks, recorded with the system-call buffer (the default): the child inherits
 * the buffer's seccomp filter, so the recorder keeps it traced but unrecorded (its calls run; a
 * child let go would get ENOSYS for each). The parent's run replays exactly (output, exit status,
 * every register, stepped), and the trace says the child ran unrecorded.
 */
class ForkWithSyscallBufferTest {
    @TempDir Path tmp;

    private static final String EXPECTED = "child: my parent is known\n".repeat(3) + "waited=1 exited=1 code=7\n";

    @Test
    void aForkedChildIsKeptRunningUnrecordedAndTheParentReplaysInLockstep() throws Exception {
        Path exe = Fixtures.compile("syscallbuf_fork.c");
        Path trace = tmp.resolve("stepped");
        RecordReplayLockstepTest.Run recorded = RecordReplayLockstepTest.record(exe, List.of(), "", trace);
        assertEquals(EXPECTED, recorded.stdout(), recorded.stderr());
        assertEquals(17, RecordReplayLockstepTest.exitStatus(recorded.exit()));
        String meta = Files.readString(trace.resolve("meta.properties"));
        assertTrue(meta.contains("syscall.buffer=true"), meta);
        assertTrue(meta.matches("(?s).*\\nforks\\.unrecorded=[0-9]+\\n.*"), "the trace names the unrecorded child: " + meta);
        assertTrue(EventLog.readAll(trace.resolve("events")).stream()
                .anyMatch(e -> e instanceof TraceEvent.Syscall s && s.mode() == SyscallTable.Mode.BUFFERED && s.number() == 0 && s.result() > 0),
                "the parent's reads of the pipe went through the buffer");

        RecordReplayLockstepTest.Run replayed = RecordReplayLockstepTest.replay(trace);
        assertEquals(EXPECTED, replayed.stdout());
        assertEquals(recorded.exit(), replayed.exit());
        for (int i = 0; i < Math.min(recorded.steps().count, replayed.steps().count); i++) {
            long[] a = recorded.steps().at(i), b = replayed.steps().at(i);
            if (!Arrays.equals(a, b)) fail("step " + i + " differs at pc 0x" + Long.toHexString(a[16]) + ": " + Arrays.toString(a) + " / " + Arrays.toString(b));
        }
        assertEquals(recorded.steps().count, replayed.steps().count, "instructions executed");

        // At full speed the fork's exit is met after the fork event, through the filter's stop.
        Path fast = tmp.resolve("fast");
        Recorder.Result r = Recorder.record(Recorder.Options.of(exe, List.of()).withTraceDir(fast)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
        assertEquals(17, r.exitStatus());
        assertEquals(1, r.unrecordedChildren().size());
        assertEquals(List.of(), r.warnings());
        RecordReplayLockstepTest.Run fastReplayed = RecordReplayLockstepTest.replay(fast);
        assertEquals(EXPECTED, fastReplayed.stdout());
        assertEquals(r.exit(), fastReplayed.exit());
        assertEquals(recorded.steps().count, fastReplayed.steps().count, "the same instruction count as the stepped recording");
    }
}
