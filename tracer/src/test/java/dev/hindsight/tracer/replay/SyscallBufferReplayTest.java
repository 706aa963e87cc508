package dev.hindsight.tracer.replay;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.record.EventLog;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.record.SyscallTable;
import dev.hindsight.tracer.record.TraceEvent;
import dev.hindsight.tracer.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code record --syscall-buffer}: the program's read and write calls through libc are recorded
 * without a stop (BUFFERED events), and the replay gives them their recorded results without
 * running them, at the same instruction as the recording: a stepped recording and its stepped
 * replay agree register for register; a full-speed recording (calls let through by the seccomp
 * filter) replays with as many instructions as the stepped one; calls made around libc (a raw
 * {@code syscall}, stdio's internal write, a static program) are recorded as before.
 */
class SyscallBufferReplayTest {
    @TempDir Path tmp;

    /** 880 bytes: some 130 seven-byte reads from the pipe and twice as many writes (and, in one test, 300 big writes after). */
    private static final String INPUT = "the quick brown fox jumps over the lazy dog\n".repeat(20);

    private static final long INPUT_SUM = INPUT.chars().sum();

    @Test
    void bufferedCallsReplayExactlyWhetherRecordedSteppedOrAtFullSpeed() throws Exception {
        Path exe = Fixtures.compile("syscallbuf_io.c");
        Path file = tmp.resolve("written.txt");
        // Without the fixture's 300 big writes: those are stepped through only once, in the next test.
        String expectedOut = INPUT.toUpperCase() + "\ntotal=" + INPUT.length() + " sum=" + INPUT_SUM + "\n";

        RecordReplayLockstepTest.Steps recordedSteps = new RecordReplayLockstepTest.Steps();
        Recorded stepped = record(exe, file, 0, tmp.resolve("stepped"), recordedSteps);
        assertEquals(expectedOut, stepped.stdout);
        assertEquals("raw write\n", stepped.stderr);
        assertEquals((int) (INPUT_SUM % 200), stepped.exit.exitCode());
        assertEquals(INPUT.toUpperCase(), Files.readString(file), "the recorded run wrote its file");
        Files.delete(file);
        List<TraceEvent.Syscall> steppedBuffered = buffered(stepped.trace);
        assertBuffersReadsAndWrites(steppedBuffered, 0);

        RecordReplayLockstepTest.Run replayed = RecordReplayLockstepTest.replay(stepped.trace);
        assertFalse(Files.exists(file), "a replay writes no file");
        assertEquals(expectedOut, replayed.stdout());
        assertEquals("raw write\n", replayed.stderr());
        assertEquals(stepped.exit, replayed.exit());
        for (int i = 0; i < Math.min(recordedSteps.count, replayed.steps().count); i++) {
            long[] a = recordedSteps.at(i), b = replayed.steps().at(i);
            if (!Arrays.equals(a, b)) fail("step " + i + " differs at pc 0x" + Long.toHexString(a[16]) + ": " + Arrays.toString(a) + " / "
                    + Arrays.toString(b));
        }
        assertEquals(recordedSteps.count, replayed.steps().count, "instructions executed");

        Recorded fast = record(exe, file, 0, tmp.resolve("fast"), null);
        assertEquals(expectedOut, fast.stdout);
        assertEquals(INPUT.toUpperCase(), Files.readString(file));
        Files.delete(file);
        List<TraceEvent.Syscall> fastBuffered = buffered(fast.trace);
        assertEquals(calls(steppedBuffered), calls(fastBuffered), "the same calls buffered, stepped or not");
        RecordReplayLockstepTest.Run fastReplayed = RecordReplayLockstepTest.replay(fast.trace);
        assertFalse(Files.exists(file), "a replay writes no file");
        assertEquals(expectedOut, fastReplayed.stdout());
        assertEquals(fast.exit, fastReplayed.exit());
        assertEquals(recordedSteps.count, fastReplayed.steps().count, "the same instruction count (time) as the stepped recording");
    }

    @Test
    void aBufferFilledUpIsStartedAgainAndReplays() throws Exception {
        Path exe = Fixtures.compile("syscallbuf_io.c");
        Path file = tmp.resolve("written.txt");
        String expectedOut = INPUT.toUpperCase() + "z".repeat(300 * 4000) + "\ntotal=" + INPUT.length() + " sum=" + INPUT_SUM + "\n";
        Recorded fast = record(exe, file, 300, tmp.resolve("full"), null);
        assertEquals(expectedOut, fast.stdout);
        assertBuffersReadsAndWrites(buffered(fast.trace), 300);
        assertEquals(INPUT.toUpperCase(), Files.readString(file), "the recorded run wrote its file");
        Files.delete(file);
        RecordReplayLockstepTest.Run replayed = RecordReplayLockstepTest.replay(fast.trace);
        assertFalse(Files.exists(file), "a replay writes no file");
        assertEquals(expectedOut, replayed.stdout());
        assertEquals("raw write\n", replayed.stderr());
        assertEquals(fast.exit, replayed.exit());
    }

    @Test
    void aStaticProgramRecordsUnbufferedAndReplays() throws Exception {
        Path exe = Fixtures.compile("syscallbuf_io.c", "-static");
        Path file = tmp.resolve("written.txt");
        Recorded r = record(exe, file, 0, tmp.resolve("static"), null);
        assertEquals((int) (INPUT_SUM % 200), r.exit.exitCode(), r.stderr);
        assertEquals(List.of(), buffered(r.trace), "LD_PRELOAD does not reach a static program");
        RecordReplayLockstepTest.Run replayed = RecordReplayLockstepTest.replay(r.trace);
        assertEquals(r.stdout, replayed.stdout());
        assertEquals(r.exit, replayed.exit());
    }

    @Test
    void aBufferedReadInterruptedBySignalsReplays() throws Exception {
        Path exe = Fixtures.compile("syscallbuf_signal.c");
        String expected = "eintr=1 second=1 byte=x alarms=2\n";
        for (boolean stepped : new boolean[] {true, false}) {
            RecordReplayLockstepTest.Steps steps = stepped ? new RecordReplayLockstepTest.Steps() : null;
            Recorded r = record(exe, tmp.resolve("unused"), -1, tmp.resolve("signal-" + stepped), steps);
            assertEquals(expected, r.stdout, "stepped " + stepped + ": " + r.stderr);
            // The interrupted reads, recorded at their signal (ERESTARTSYS), then the restarted one.
            assertEquals(List.of("0 -512", "0 -512", "0 1"), buffered(r.trace).stream().map(s -> s.number() + " " + s.result()).toList(),
                    "stepped " + stepped);
            RecordReplayLockstepTest.Run replayed = RecordReplayLockstepTest.replay(r.trace);
            assertEquals(expected, replayed.stdout());
            assertEquals(r.exit, replayed.exit());
            if (steps == null) continue;
            for (int i = 0; i < Math.min(steps.count, replayed.steps().count); i++) {
                if (!Arrays.equals(steps.at(i), replayed.steps().at(i))) fail("step " + i + " differs at pc 0x" + Long.toHexString(steps.at(i)[16]));
            }
            assertEquals(steps.count, replayed.steps().count, "instructions executed");
        }
    }

    private static void assertBuffersReadsAndWrites(List<TraceEvent.Syscall> calls, int bigWrites) {
        long reads = calls.stream().filter(s -> s.number() == 0).count(), writes = calls.stream().filter(s -> s.number() == 1).count();
        // ceil(len / 7) reads with data and the one at the end of input; two writes per read with data.
        long chunks = (INPUT.length() + 6) / 7;
        assertEquals(chunks + 1, reads, "buffered reads");
        assertEquals(2 * chunks + bigWrites, writes, "buffered writes (" + bigWrites + " of them 4,000 bytes; 300 are more than the buffer holds)");
    }

    private static List<TraceEvent.Syscall> buffered(Path trace) {
        List<TraceEvent.Syscall> out = new ArrayList<>();
        for (TraceEvent e : EventLog.readAll(trace.resolve("events"))) {
            if (e instanceof TraceEvent.Syscall s && s.mode() == SyscallTable.Mode.BUFFERED) out.add(s);
        }
        return out;
    }

    /** What a buffered call did: number, fd, count, result (addresses may differ between runs of the stack). */
    private static List<String> calls(List<TraceEvent.Syscall> calls) {
        List<String> out = new ArrayList<>();
        for (TraceEvent.Syscall s : calls) out.add(s.number() + " " + s.arg(0) + " " + s.arg(2) + " " + s.result());
        return out;
    }

    record Recorded(Path trace, String stdout, String stderr, StopEvent.Exited exit) {}

    /**
     * Records with the system-call buffer, INPUT on a pipe as stdin; stepped with {@code steps} unless null;
     * {@code bigWrites}: the fixture's 4,000-byte writes (-1: the program takes no such argument).
     */
    private static Recorded record(Path exe, Path file, int bigWrites, Path trace, RecordReplayLockstepTest.Steps steps) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        List<Thread> threads = new ArrayList<>();
        Recorder.Options o = Recorder.Options.of(exe, bigWrites < 0 ? List.of(file.toString()) : List.of(file.toString(), String.valueOf(bigWrites))).withTraceDir(trace).withSyscallBuffer(true)
                .withStdio(LaunchSpec.Stdio.PIPE, LaunchSpec.Stdio.PIPE, LaunchSpec.Stdio.PIPE, fds -> {
                    // Fed from a thread, a line at a time: the program's reads wait on the pipe now and then.
                    threads.add(feed(fds[0]));
                    threads.add(drain(fds[1], out));
                    threads.add(drain(fds[2], err));
                });
        if (steps != null) o = o.withStepObserver(steps);
        Recorder.Result r = Recorder.record(o);
        for (Thread t : threads) t.join(60_000);
        return new Recorded(trace, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), r.exit());
    }

    private static Thread feed(int fd) {
        try {
            FileOutputStream to = new FileOutputStream("/proc/self/fd/" + fd);
            dev.hindsight.tracer.sys.Files.closeQuietly(fd);
            return start(() -> {
                try (to) {
                    for (String line : INPUT.split("(?<=\n)")) {
                        to.write(line.getBytes(StandardCharsets.UTF_8));
                        to.flush();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Thread drain(int fd, ByteArrayOutputStream to) {
        try {
            FileInputStream in = new FileInputStream("/proc/self/fd/" + fd);
            dev.hindsight.tracer.sys.Files.closeQuietly(fd);
            return start(() -> {
                try (in) {
                    in.transferTo(to);
                } catch (IOException e) {
                    // the pipe ended
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Thread start(Runnable r) {
        Thread t = new Thread(r);
        t.start();
        return t;
    }
}
