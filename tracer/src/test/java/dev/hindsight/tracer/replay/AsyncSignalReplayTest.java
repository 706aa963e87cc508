package dev.hindsight.tracer.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.record.TraceEvent;
import dev.hindsight.tracer.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signal that arrived in the middle of a computation (an interval timer's SIGALRM in a loop
 * without system calls) is delivered by the replay at the same instant: the first time after the
 * previous event that the thread's registers equal the recorded ones. Its handler runs where it
 * ran, and the run ends as recorded, whether the replay runs freely or is stepped. (The recording
 * is made anew each time: when the timer fires varies, the instant found must not.)
 */
class AsyncSignalReplayTest {
    @TempDir Path tmp;

    private Path record() throws Exception {
        Path trace = tmp.resolve("trace");
        Recorder.record(Recorder.Options.of(Fixtures.compile("record_async_signal.c"), List.of()).withTraceDir(trace)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
        long async = RecordedTrace.open(trace).events().stream()
                .filter(e -> e instanceof TraceEvent.Signal s && !s.afterSyscall() && !s.synchronous()).count();
        assertTrue(async >= 1, "the recording has a signal in the middle of the computation: " + async);
        return trace;
    }

    private static String recordedOutput(Path trace) throws Exception {
        StringBuilder b = new StringBuilder();
        for (TraceEvent e : RecordedTrace.open(trace).events()) {
            if (e instanceof TraceEvent.Syscall s && s.outputFd() == 1) b.append(new String(s.output()));
        }
        return b.toString();
    }

    @Test
    void aFreeRunningReplayDeliversItWhereItCameAndEndsAsRecorded() throws Exception {
        Path trace = record();
        String want = recordedOutput(trace);
        assertTrue(want.matches("ticks=\\d+ n=[1-9]\\d* acc=\\p{XDigit}+\n"), want);
        long signals = RecordedTrace.open(trace).events().stream().filter(e -> e instanceof TraceEvent.Signal).count();
        try (Target t = Target.replay(trace, null)) {
            t.breakpoints().addLine(Fixtures.source("record_async_signal.c").toString(), Fixtures.line("record_async_signal.c", "handler"));
            int hits = 0;
            StopEvent stop;
            while ((stop = t.execution().resume().get(2, TimeUnit.MINUTES)) instanceof StopEvent.Stopped s) {
                assertEquals(StopEvent.Reason.BREAKPOINT, s.reason(), "stopped: " + s);
                hits++;
            }
            assertEquals(signals, hits, "the handler ran once per recorded signal");
            assertEquals(0, ((StopEvent.Exited) stop).exitCode());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.stdio().stdout().transferTo(out);
            assertEquals(want, out.toString());
        }
    }

    @Test
    void aSteppedReplayDeliversItAtTheSameInstruction() throws Exception {
        Path trace = record();
        try (ReplayBackend replay = ReplayBackend.start(RecordedTrace.open(trace), null)) {
            int tid = replay.pid();
            long[] steps = {0};
            StopEvent stop;
            do {
                stop = replay.trace(tid, Long.MAX_VALUE, (n, r) -> ++steps[0] > 0).get(5, TimeUnit.MINUTES);
            } while (!(stop instanceof StopEvent.Exited));
            assertEquals(0, ((StopEvent.Exited) stop).exitCode(), "after " + steps[0] + " steps");
        }
    }
}
