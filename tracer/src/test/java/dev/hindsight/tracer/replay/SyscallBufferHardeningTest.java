package dev.hindsight.tracer.replay;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.record.EventLog;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.record.RecordingRefused;
import dev.hindsight.tracer.record.SyscallTable;
import dev.hindsight.tracer.record.TraceEvent;
import dev.hindsight.tracer.record.TraceFormatException;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the system-call buffer must not trust: a BUFFERED record of a trace (a replay would write
 * its bytes into the program's memory) is refused with a sentence when it is not what the
 * library logs; a program that maps over the buffer's fixed address is refused, never recorded
 * with the library writing its records into the program's own data.
 */
class SyscallBufferHardeningTest {
    @TempDir Path tmp;

    @Test
    void aCorruptBufferedRecordIsRefusedWithASentence() throws Exception {
        Path trace = tmp.resolve("t");
        RecordReplayLockstepTest.record(Fixtures.compile("syscallbuf_io.c"), List.of(tmp.resolve("w").toString(), "0"), "some input\n", trace);
        List<TraceEvent> events = EventLog.readAll(trace.resolve("events"));
        int write = firstBuffered(events, 1);
        int read = firstBuffered(events, 0);
        assertTrue(write >= 0 && read >= 0, "the fixture's calls are buffered");

        // A read whose data is longer than what it returned: a replay would write past the program's buffer.
        assertRefused(trace, events, read, s -> new TraceEvent.Syscall(s.entryRegisters(), s.result(), s.mode(),
                List.of(new TraceEvent.KernelWrite(s.arg(1), new byte[(int) s.result() + 4096])), null, -1, new byte[0]),
                "the trace is corrupt: event " + read + " is a buffered read whose data is not the " + s(events, read).result()
                        + " bytes it read at its buffer");
        // Data written elsewhere than the read's buffer.
        assertRefused(trace, events, read, s -> new TraceEvent.Syscall(s.entryRegisters(), s.result(), s.mode(),
                List.of(new TraceEvent.KernelWrite(0x400000, s.writes().get(0).bytes())), null, -1, new byte[0]),
                "the trace is corrupt: event " + read + " is a buffered read whose data is not the " + s(events, read).result()
                        + " bytes it read at its buffer");
        // A call the library never buffers (open) marked BUFFERED.
        assertRefused(trace, events, write, s -> {
            long[] r = s.entryRegisters().clone();
            r[15] = 2;
            return new TraceEvent.Syscall(r, s.result(), s.mode(), List.of(), null, -1, new byte[0]);
        }, "the trace is corrupt: event " + write + " is a buffered open, which is never buffered");
        // Registers cut short (a replay would index past them).
        assertRefused(trace, events, write, s -> new TraceEvent.Syscall(new long[3], s.result(), s.mode(), List.of(), null, -1, new byte[0]),
                "the trace is corrupt: event " + write + " is a system call with 3 registers");
    }

    @Test
    void aProgramMappingOverTheBufferIsRefusedAndRecordsWithoutIt() throws Exception {
        Path exe = Fixtures.compile("syscallbuf_map_fixed.c");
        Path trace = tmp.resolve("fixed");
        RecordingRefused e = assertThrows(RecordingRefused.class, () -> Recorder.record(Recorder.Options.of(exe, List.of()).withTraceDir(trace)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL)));
        assertEquals("the program's mmap would replace the system-call buffer at 0x700000100000: record it with --no-syscall-buffer", e.getMessage());
        assertFalse(Files.exists(trace), "no half trace is left");

        Recorder.Result r = Recorder.record(Recorder.Options.of(exe, List.of()).withTraceDir(trace).withSyscallBuffer(false)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
        assertEquals(0, r.exitStatus());
        assertEquals("before\nmine\n", RecordReplayLockstepTest.replay(trace).stdout());
    }

    private static TraceEvent.Syscall s(List<TraceEvent> events, int i) {
        return (TraceEvent.Syscall) events.get(i);
    }

    private static int firstBuffered(List<TraceEvent> events, long nr) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof TraceEvent.Syscall s && s.mode() == SyscallTable.Mode.BUFFERED && s.number() == nr && s.result() > 0) return i;
        }
        return -1;
    }

    /** Writes the trace's events again with event {@code at} replaced (checksums right), and expects the replay to refuse it. */
    private static void assertRefused(Path trace, List<TraceEvent> events, int at, UnaryOperator<TraceEvent.Syscall> corrupt, String message)
            throws Exception {
        List<TraceEvent> changed = new ArrayList<>(events);
        changed.set(at, corrupt.apply(s(events, at)));
        Path file = trace.resolve("events");
        try (EventLog.Writer w = new EventLog.Writer(file)) {
            for (TraceEvent e : changed) w.write(e);
        }
        try {
            TraceFormatException e = assertThrows(TraceFormatException.class, () -> RecordedTrace.open(trace));
            assertEquals(message, e.getMessage());
        } finally {
            try (EventLog.Writer w = new EventLog.Writer(file)) {
                for (TraceEvent e : events) w.write(e);
            }
        }
    }
}
