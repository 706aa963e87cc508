package dev.hindsight.tracer.replay;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.backend.StepObserver;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The central proof of record and replay: a run single-stepped while it is recorded and its
 * replay single-stepped agree register for register at every instruction (from ld.so's first
 * one to the exit), and the replay's output bytes and exit status are the recorded ones. The
 * fixtures read stdin, the clock, rdtsc, /dev/urandom and getrandom, allocate, recurse, crash,
 * in C, C++ and assembly.
 */
class RecordReplayLockstepTest {
    @TempDir Path tmp;

    /** Every step's 27 registers, flattened. */
    static final class Steps implements StepObserver {
        long[] regs = new long[27 * 4096];
        int count;

        @Override
        public boolean afterStep(long step, Registers r) {
            if ((count + 1) * 27 > regs.length) regs = Arrays.copyOf(regs, regs.length * 2);
            System.arraycopy(r.raw(), 0, regs, count * 27, 27);
            count++;
            return true;
        }

        long[] at(int i) {
            return Arrays.copyOfRange(regs, i * 27, i * 27 + 27);
        }
    }

    record Run(Steps steps, String stdout, String stderr, StopEvent.Exited exit) {}

    // The C++ program links libstdc++ statically: with libstdc++.so it runs 2.1 million
    // instructions (callgrind), 1.6 million of them ld.so resolving libstdc++'s relocations (the
    // lookup loop the C programs step through too), and stepping them twice took 3/4 of this
    // class's time. It still maps libm and libgcc_s besides libc, throws, allocates and writes
    // through iostream.
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "record_inputs.c  |                   | FILE  | typed line | 3   | line=typed line | 10000",
            "record_crash.c   |                   |       |            | 139 | about to crash  | 10000",
            "record_crash.c   |                   | abort |            | 134 | about to crash  | 10000",
            "record_cpp.cpp   | -static-libstdc++ |       |            | 0   | words=50 keys=  | 10000",
            "record_asm.s     |                   |       |            | 7   | asm says hi     | 20",
            "recurse.c        |                   |       |            | 4   | 4               | 10000",
            "record_signals.c |                   |       |            | 0   | usr1=10 alrm=14 pause=-1 eintr=1 | 10000",
    })
    void replayAgreesWithTheRecordedRunAtEveryInstruction(String fixture, String flags, String arg, String input, int status,
                                                          String expectOut, int minSteps) throws Exception {
        Path written = tmp.resolve("written.txt");
        List<String> args = arg == null ? List.of() : List.of(arg.equals("FILE") ? written.toString() : arg);
        Path trace = tmp.resolve("trace");
        Run recorded = record(Fixtures.compileSpec(fixture, flags == null ? "" : flags), args, input == null ? "" : input + "\n", trace);
        assertEquals(status, exitStatus(recorded.exit()), "recorded exit; stderr: " + recorded.stderr());
        if (expectOut != null) assertTrue(recorded.stdout().contains(expectOut), recorded.stdout());
        if (arg != null && arg.equals("FILE")) {
            assertTrue(Files.exists(written), "the recorded run wrote its file");
            Files.delete(written);
        }

        Run replayed = replay(trace);
        if (arg != null && arg.equals("FILE")) assertFalse(Files.exists(written), "a replay writes no file");
        assertEquals(recorded.exit(), replayed.exit());
        assertEquals(recorded.stdout(), replayed.stdout());
        assertEquals(recorded.stderr(), replayed.stderr());
        int n = Math.min(recorded.steps().count, replayed.steps().count);
        for (int i = 0; i < n; i++) {
            long[] a = recorded.steps().at(i), b = replayed.steps().at(i);
            if (!Arrays.equals(a, b)) {
                fail("step " + i + " differs: " + diff(a, b));
            }
        }
        assertEquals(recorded.steps().count, replayed.steps().count, "instructions executed");
        assertTrue(recorded.steps().count > minSteps, "whole programs, from ld.so on: " + recorded.steps().count);
    }

    private static String diff(long[] a, long[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 27; i++) {
            if (a[i] != b[i]) s.append(String.format("%s recorded 0x%x replayed 0x%x; ", Registers.KERNEL_ORDER.get(i), a[i], b[i]));
        }
        return s + String.format("pc 0x%x", a[16]);
    }

    static int exitStatus(StopEvent.Exited e) {
        return e.killedBySignal() ? 128 + e.signal().number() : e.exitCode();
    }

    static Run record(Path exe, List<String> args, String input, Path trace) throws Exception {
        Steps steps = new Steps();
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        List<Thread> drains = new ArrayList<>();
        Recorder.Result r = Recorder.record(Recorder.Options.of(exe, args).withTraceDir(trace).withStepObserver(steps)
                .withStdio(LaunchSpec.Stdio.PIPE, LaunchSpec.Stdio.PIPE, LaunchSpec.Stdio.PIPE, fds -> {
                    try (var in = new java.io.FileOutputStream("/proc/self/fd/" + fds[0])) {
                        in.write(input.getBytes(StandardCharsets.UTF_8));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    drains.add(drain(fds[1], out));
                    drains.add(drain(fds[2], err));
                    for (int fd : fds) dev.hindsight.tracer.sys.Files.closeQuietly(fd);
                }));
        for (Thread t : drains) t.join(60_000);
        return new Run(steps, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), r.exit());
    }

    private static Thread drain(int fd, ByteArrayOutputStream to) {
        try {
            InputStream in = new FileInputStream("/proc/self/fd/" + fd);
            Thread t = new Thread(() -> {
                try (in) {
                    in.transferTo(to);
                } catch (java.io.IOException e) {
                    // the pipe ended
                }
            });
            t.start();
            return t;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Run replay(Path trace) throws Exception {
        Steps steps = new Steps();
        try (ReplayBackend b = ReplayBackend.start(RecordedTrace.open(trace), null)) {
            StopEvent e;
            do {
                e = b.trace(b.pid(), Long.MAX_VALUE, steps).get(600, TimeUnit.SECONDS);
            } while (!(e instanceof StopEvent.Exited));
            return new Run(steps, new String(b.stdout().readAllBytes(), StandardCharsets.UTF_8),
                    new String(b.stderr().readAllBytes(), StandardCharsets.UTF_8), (StopEvent.Exited) e);
        }
    }
}
