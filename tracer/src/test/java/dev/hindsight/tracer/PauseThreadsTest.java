package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
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
            for (int i = 0; i < 100 && readInt(t, started) < THREADS; i++) {
                var running = t.resume();
                Thread.sleep(20);
                t.pause();
                stopped(running);
            }
            assertEquals(THREADS, readInt(t, started), "all threads started");
            for (int round = 0; round < 20; round++) {
                long[] before = counters(t, spins);
                var running = t.resume();
                // A SIGSTOP left over from the last pause would put the program in a group-stop.
                long[] now = before;
                for (int wait = 0; wait < 100 && !allMoved(before, now); wait++) {
                    Thread.sleep(10);
                    t.pause();
                    assertEquals(StopEvent.Reason.PAUSE, stopped(running).reason(), "round " + round);
                    now = counters(t, spins);
                    if (!allMoved(before, now)) running = t.resume();
                }
                assertTrue(allMoved(before, now), "round " + round + ": every thread ran between pauses");
                assertEquals(THREADS + 1, t.threads().size());
            }
        }
    }

    private static boolean allMoved(long[] before, long[] now) {
        for (int i = 0; i < before.length; i++) if (now[i] == before[i]) return false;
        return true;
    }

    private static long[] counters(Target t, long address) {
        ByteBuffer b = ByteBuffer.wrap(t.readMemory(address, 8 * THREADS)).order(ByteOrder.LITTLE_ENDIAN);
        long[] c = new long[THREADS];
        for (int i = 0; i < THREADS; i++) c[i] = b.getLong();
        return c;
    }

    private static int readInt(Target t, long address) {
        return ByteBuffer.wrap(t.readMemory(address, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
