package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WatchpointTest {
    private final Path exe = Fixtures.compile("watch.c", "-no-pie");
    private final long counter = Nm.address(exe, "counter");

    @Test
    void writeWatchpointStopsAfterEachWriteWithTheNewValue() {
        long bump = Nm.address(exe, "bump");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            Breakpoint w = t.addWatchpoint(counter, 8, WatchKind.WRITE);
            assertEquals(Breakpoint.Kind.DATA, w.kind());
            long expected = 0;
            for (int i = 1; i <= 3; i++) {
                StopEvent.Stopped s = stopped(t.resume());
                assertEquals(StopEvent.Reason.WATCHPOINT, s.reason(), "write " + i);
                expected += i;
                assertEquals(expected, readLong(t, counter));
                assertTrue(s.pc() > bump && s.pc() < bump + 64, "stopped just after the store in bump");
            }
            assertEquals(3, t.breakpoints().get(0).hitCount());
            t.removeBreakpoint(w.id());
            assertEquals(new StopEvent.Exited(0, null), stop(t.resume()));
        }
    }

    @Test
    void accessWatchpointAlsoStopsOnReads() {
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.addWatchpoint(counter, 8, WatchKind.READ_WRITE);
            int stops = 0;
            while (stop(t.resume()) instanceof StopEvent.Stopped s) {
                assertEquals(StopEvent.Reason.WATCHPOINT, s.reason());
                stops++;
            }
            // bump reads and writes counter in one `add` (one stop each), main reads it once more.
            assertTrue(stops >= 4, "stops: " + stops);
        }
    }

    @Test
    void steppingOverAWatchedWriteReportsTheWatchpoint() {
        long bump = Nm.address(exe, "bump");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            stopped(t.runTo(bump));
            t.addWatchpoint(counter, 8, WatchKind.WRITE);
            StopEvent.Stopped s;
            int steps = 0;
            do {
                s = stopped(t.stepInstruction());
                steps++;
            } while (s.reason() == StopEvent.Reason.STEP && steps < 50);
            assertEquals(StopEvent.Reason.WATCHPOINT, s.reason());
            assertEquals(1, readLong(t, counter));
        }
    }

    @Test
    void badWatchpointsAreRefusedClearly() {
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            assertThrows(IllegalArgumentException.class, () -> t.addWatchpoint(counter, 3, WatchKind.WRITE));
            assertThrows(IllegalArgumentException.class, () -> t.addWatchpoint(counter + 1, 8, WatchKind.WRITE));
            for (int i = 0; i < 4; i++) t.addWatchpoint(counter, 8, WatchKind.WRITE);
            IllegalStateException full = assertThrows(IllegalStateException.class, () -> t.addWatchpoint(counter, 8, WatchKind.WRITE));
            assertTrue(full.getMessage().contains("in use"));
        }
    }

    private static long readLong(Target t, long address) {
        return ByteBuffer.wrap(t.readMemory(address, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
