package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.breakpoints.Breakpoint;
import dev.hindsight.tracer.breakpoints.WatchKind;
import dev.hindsight.tracer.testing.Commands;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WatchpointTest {
    private final Path exe = Fixtures.compile("watch.c", "-no-pie");
    private final long counter = Nm.address(exe, "counter");

    @Test
    void writeWatchpointStopsAfterEachWriteWithTheNewValue() {
        long bump = Nm.address(exe, "bump");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            Breakpoint w = t.breakpoints().addWatch(counter, 8, WatchKind.WRITE);
            assertEquals(Breakpoint.Kind.DATA, w.kind());
            long expected = 0;
            for (int i = 1; i <= 3; i++) {
                StopEvent.Stopped s = stopped(t.execution().resume());
                assertEquals(StopEvent.Reason.WATCHPOINT, s.reason(), "write " + i);
                expected += i;
                assertEquals(expected, readLong(t, counter));
                assertTrue(s.pc() > bump && s.pc() < bump + 64, "stopped just after the store in bump");
            }
            assertEquals(3, t.breakpoints().all().get(0).hitCount());
            t.breakpoints().remove(w.id());
            assertEquals(new StopEvent.Exited(0, null), stop(t.execution().resume()));
        }
    }

    /**
     * From watch.c: main calls bump(i) for i = 1..3, whose {@code counter += i} reads counter and then
     * writes it, and finally reads counter once itself: seven accesses. Each must stop exactly once,
     * just after the instruction that made it (objdump shows which touch counter), in that order,
     * with the value counter has by then.
     */
    @Test
    void accessWatchpointStopsAfterEveryReadAndWrite() {
        List<Long> inBump = afterAccessesToCounter("bump"), inMain = afterAccessesToCounter("main");
        assertEquals(2, inBump.size(), "at -O0 bump reads counter in one instruction and writes it in the next");
        assertEquals(1, inMain.size(), "main reads counter once");
        List<String> expected = new ArrayList<>(), got = new ArrayList<>();
        long sum = 0;
        for (int i = 1; i <= 3; i++) {
            expected.add(where(inBump.get(0), sum)); // read: counter not yet changed
            sum += i;
            expected.add(where(inBump.get(1), sum)); // write
        }
        expected.add(where(inMain.get(0), sum));
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.breakpoints().addWatch(counter, 8, WatchKind.READ_WRITE);
            StopEvent e;
            while ((e = stop(t.execution().resume())) instanceof StopEvent.Stopped s && got.size() < 20) {
                assertEquals(StopEvent.Reason.WATCHPOINT, s.reason(), "stop " + got.size());
                got.add(where(s.pc(), readLong(t, counter)));
            }
            assertEquals(String.join("\n", expected), String.join("\n", got), "stops (pc, counter)");
            assertEquals(new StopEvent.Exited(0, null), e);
            assertEquals(7, t.breakpoints().all().get(0).hitCount());
        }
    }

    private static String where(long pc, long counterValue) {
        return "0x" + Long.toHexString(pc) + " counter=" + counterValue;
    }

    /** The addresses just after each instruction of {@code function} that objdump shows touching counter. */
    private List<Long> afterAccessesToCounter(String function) {
        List<Long> out = new ArrayList<>();
        boolean inside = false, touched = false;
        for (String line : Commands.output(List.of("objdump", "-d", "--no-show-raw-insn", exe.toString())).split("\n")) {
            if (line.endsWith(">:")) {
                inside = line.endsWith("<" + function + ">:");
                continue;
            }
            Matcher m = INSN.matcher(line);
            if (!inside || !m.find()) continue;
            if (touched) out.add(Long.parseLong(m.group(1), 16));
            touched = line.contains("<counter>");
        }
        return out;
    }

    private static final Pattern INSN = Pattern.compile("^\\s*([0-9a-f]+):\\t");

    @Test
    void steppingOverAWatchedWriteReportsTheWatchpoint() {
        long bump = Nm.address(exe, "bump");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            stopped(t.execution().runTo(bump));
            t.breakpoints().addWatch(counter, 8, WatchKind.WRITE);
            StopEvent.Stopped s;
            int steps = 0;
            do {
                s = stopped(t.execution().stepInstruction());
                steps++;
            } while (s.reason() == StopEvent.Reason.STEP && steps < 50);
            assertEquals(StopEvent.Reason.WATCHPOINT, s.reason());
            assertEquals(1, readLong(t, counter));
        }
    }

    @Test
    void badWatchpointsAreRefusedClearly() {
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            assertThrows(IllegalArgumentException.class, () -> t.breakpoints().addWatch(counter, 3, WatchKind.WRITE));
            assertThrows(IllegalArgumentException.class, () -> t.breakpoints().addWatch(counter + 1, 8, WatchKind.WRITE));
            for (int i = 0; i < 4; i++) t.breakpoints().addWatch(counter, 8, WatchKind.WRITE);
            IllegalStateException full = assertThrows(IllegalStateException.class, () -> t.breakpoints().addWatch(counter, 8, WatchKind.WRITE));
            assertTrue(full.getMessage().contains("in use"));
        }
    }

    private static long readLong(Target t, long address) {
        return ByteBuffer.wrap(t.memory().read(address, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
