package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import dev.hindsight.tracer.testing.Proc;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Pausing a program whose threads all run: every pause stops them all, and they all run on after it. */
class PauseThreadsTest {
    private static final int THREADS = 4;
    private final Path exe = Fixtures.compile("spinners.c", "-no-pie");

    @Test
    void everyThreadKeepsRunningAfterRepeatedPauses() throws Exception {
        long spins = Nm.address(exe, "spins");
        long started = Nm.address(exe, "started");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            int pid = t.pid();
            var running = t.execution().resume();
            until("all " + THREADS + " threads started", () -> Proc.readInt(pid, started) == THREADS);
            t.pause();
            assertEquals(StopEvent.Reason.PAUSE, stopped(running).reason());
            for (int round = 0; round < 20; round++) {
                long[] before = counters(t, spins);
                running = t.execution().resume();
                // A SIGSTOP left over from the last pause would put the program in a group-stop, and
                // a thread left stopped would not count: each round every thread must count on.
                until("round " + round + ": every thread counting", () -> allMoved(before, counters(pid, spins)));
                t.pause();
                assertEquals(StopEvent.Reason.PAUSE, stopped(running).reason(), "round " + round);
                assertTrue(allMoved(before, counters(t, spins)), "round " + round + ": every thread ran between pauses");
                assertEquals(THREADS + 1, t.threads().size());
            }
        }
    }

    private static boolean allMoved(long[] before, long[] now) {
        for (int i = 0; i < before.length; i++) if (now[i] == before[i]) return false;
        return true;
    }

    /** The threads' counters through the engine (the program stopped). */
    private static long[] counters(Target t, long address) {
        ByteBuffer b = ByteBuffer.wrap(t.memory().read(address, 8 * THREADS)).order(ByteOrder.LITTLE_ENDIAN);
        long[] c = new long[THREADS];
        for (int i = 0; i < THREADS; i++) c[i] = b.getLong();
        return c;
    }

    /** The same through /proc while the program runs. */
    private static long[] counters(int pid, long address) {
        long[] c = new long[THREADS];
        for (int i = 0; i < THREADS; i++) c[i] = Proc.readLong(pid, address + 8L * i);
        return c;
    }
}
