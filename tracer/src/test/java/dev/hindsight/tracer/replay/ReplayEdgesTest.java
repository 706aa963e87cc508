package dev.hindsight.tracer.replay;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.record.RecordingRefused;
import dev.hindsight.tracer.record.TraceFormatException;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad traces, refused programs, unrecorded fork children, refused writes and checkpoints. */
class ReplayEdgesTest {
    @TempDir Path tmp;

    private Path recordHello() throws Exception {
        Path trace = tmp.resolve("hello");
        Recorder.record(Recorder.Options.of(Fixtures.compile("hello.c"), List.of()).withTraceDir(trace)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
        return trace;
    }

    private static String refusal(Path trace) {
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> Target.replay(trace, null).close());
        return e.getMessage();
    }

    @Test
    void badTracesAreRefusedWithASentence() throws Exception {
        assertTrue(refusal(tmp.resolve("missing")).startsWith("no trace at "), refusal(tmp.resolve("missing")));

        Path trace = recordHello();
        Path events = trace.resolve("events");
        byte[] original = Files.readAllBytes(events);

        Files.write(events, java.util.Arrays.copyOf(original, original.length - 10));
        assertTrue(refusal(trace).contains("truncated"), refusal(trace));

        byte[] corrupt = original.clone();
        corrupt[original.length / 2] ^= 0x55;
        Files.write(events, corrupt);
        assertTrue(refusal(trace).matches(".*(corrupt|truncated).*"), refusal(trace));
        Files.write(events, original);

        Path meta = trace.resolve("meta.properties");
        String m = Files.readString(meta);
        Files.writeString(meta, m.replace("version=1", "version=2"));
        assertEquals("the trace was written by a newer Hindsight (format version 2; this one reads up to 1)", refusal(trace));
        Files.writeString(meta, m.replace("arch=x86_64", "arch=aarch64"));
        assertEquals("the trace was recorded on another architecture (aarch64); this machine replays x86_64", refusal(trace));
        Files.writeString(meta, m.replace("complete=true", ""));
        assertTrue(refusal(trace).contains("incomplete"), refusal(trace));
        Files.delete(meta);
        assertTrue(refusal(trace).contains("not a complete trace"), refusal(trace));
    }

    @Test
    void aCraftedTraceCannotMakeTheReplayRunACallForReal() throws Exception {
        Path trace = recordHello();
        var events = new java.util.ArrayList<>(dev.hindsight.tracer.record.EventLog.readAll(trace.resolve("events")));
        int write = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof dev.hindsight.tracer.record.TraceEvent.Syscall s && s.number() == 1) write = i;
        }
        var s = (dev.hindsight.tracer.record.TraceEvent.Syscall) events.get(write);
        events.set(write, new dev.hindsight.tracer.record.TraceEvent.Syscall(s.entryRegisters(), s.result(),
                dev.hindsight.tracer.record.SyscallTable.Mode.EXECUTE, s.writes(), null, s.outputFd(), s.output()));
        try (var w = new dev.hindsight.tracer.record.EventLog.Writer(trace.resolve("events"))) {
            for (var e : events) w.write(e);
        }
        try (Target t = Target.replay(trace, null)) {
            var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> t.execution().resume().get(60, TimeUnit.SECONDS));
            assertEquals("the trace is corrupt: event " + write + " says write is to be handled as EXECUTE, which this Hindsight"
                    + " never records", e.getCause().getMessage());
        }
    }

    @Test
    void aCraftedTraceCannotMapAFileFromOutsideItsFiles() throws Exception {
        Path trace = recordHello();
        var events = new java.util.ArrayList<>(dev.hindsight.tracer.record.EventLog.readAll(trace.resolve("events")));
        int mapping = -1;
        for (int i = 0; i < events.size() && mapping < 0; i++) {
            if (events.get(i) instanceof dev.hindsight.tracer.record.TraceEvent.Syscall s && s.mappedFile() != null) mapping = i;
        }
        var s = (dev.hindsight.tracer.record.TraceEvent.Syscall) events.get(mapping);
        java.nio.file.Files.writeString(tmp.resolve("secret"), "not the trace's");
        java.nio.file.Files.createSymbolicLink(trace.resolve("files/link"), tmp.resolve("secret"));
        for (String name : List.of("../../secret", "link")) {
            events.set(mapping, new dev.hindsight.tracer.record.TraceEvent.Syscall(s.entryRegisters(), s.result(), s.mode(),
                    s.writes(), name, s.outputFd(), s.output()));
            try (var w = new dev.hindsight.tracer.record.EventLog.Writer(trace.resolve("events"))) {
                for (var e : events) w.write(e);
            }
            assertEquals("the trace maps '" + name + "', which is not a file of its own " + trace.toAbsolutePath().resolve("files"),
                    refusal(trace));
        }
    }

    @Test
    void aSecondThreadIsRefusedAndLeavesNoTrace() {
        Path trace = tmp.resolve("threads");
        RecordingRefused e = assertThrows(RecordingRefused.class, () -> Recorder.record(
                Recorder.Options.of(Fixtures.compile("threads.c"), List.of()).withTraceDir(trace)
                        .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL)));
        assertTrue(e.getMessage().contains("second thread"), e.getMessage());
        assertFalse(Files.exists(trace));
    }

    @Test
    void aForkedChildRunsUnrecordedAndIsNotRerunByTheReplay() throws Exception {
        Path trace = tmp.resolve("fork"), written = tmp.resolve("child.txt");
        Recorder.Result r = Recorder.record(Recorder.Options.of(Fixtures.compile("record_fork.c"), List.of(written.toString()))
                .withTraceDir(trace).withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
        assertEquals(0, r.exitStatus());
        assertEquals(1, r.unrecordedChildren().size());
        assertEquals("child 1\n", Files.readString(written), "the child ran natively: its rdtsc did not trap");
        assertTrue(Files.readString(trace.resolve("meta.properties")).contains("forks.unrecorded=" + r.unrecordedChildren().get(0)));
        Files.delete(written);
        try (Target t = Target.replay(trace, null)) {
            assertEquals(new StopEvent.Exited(0, null), t.execution().resume().get(60, TimeUnit.SECONDS));
            assertEquals("child exited 5\n", new String(t.stdio().stdout().readAllBytes(), StandardCharsets.UTF_8));
        }
        assertFalse(Files.exists(written), "the replay made no child");
    }

    @Test
    void registerAndMemoryWritesAreRefused() throws Exception {
        try (Target t = Target.replay(recordHello(), null)) {
            var e = assertThrows(UnsupportedOperationException.class, () -> t.memory().write(t.registers().current().rsp(), new byte[] {1}));
            assertTrue(e.getMessage().startsWith("this is a replay of a recording"), e.getMessage());
            assertThrows(UnsupportedOperationException.class, () -> t.registers().set(t.currentThread(), "rax", 1));
        }
    }

    @Test
    void aCheckpointReplaysOnFromTheSamePlaceOnAnotherThread() throws Exception {
        Path trace = recordHello();
        try (ReplayBackend r = ReplayBackend.start(RecordedTrace.open(trace), null)) {
            r.trace(r.pid(), 30_000, (i, regs) -> true).get(120, TimeUnit.SECONDS);
            int index = r.eventIndex();
            assertTrue(index > 0, "some events are behind us: " + index);
            try (ReplayBackend c = r.checkpoint()) {
                assertNotEquals(r.pid(), c.pid());
                assertEquals(index, c.eventIndex());
                assertArrayEquals(r.registers(r.pid()).raw(), c.registers(c.pid()).raw());
                RecordReplayLockstepTest.Steps fromParent = new RecordReplayLockstepTest.Steps();
                RecordReplayLockstepTest.Steps fromChild = new RecordReplayLockstepTest.Steps();
                CompletableFuture<StopEvent> child = CompletableFuture.supplyAsync(() -> {
                    StopEvent e;
                    do {
                        e = c.trace(c.pid(), Long.MAX_VALUE, fromChild).join();
                    } while (!(e instanceof StopEvent.Exited));
                    return e;
                });
                StopEvent e;
                do {
                    e = r.trace(r.pid(), Long.MAX_VALUE, fromParent).get(300, TimeUnit.SECONDS);
                } while (!(e instanceof StopEvent.Exited));
                assertEquals(new StopEvent.Exited(0, null), e);
                assertEquals(e, child.get(300, TimeUnit.SECONDS));
                assertEquals(fromParent.count, fromChild.count);
                for (int i = 0; i < fromParent.count; i++) assertArrayEquals(fromParent.at(i), fromChild.at(i), "step " + i);
                assertEquals("hello 3\n", new String(c.stdout().readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }
}
