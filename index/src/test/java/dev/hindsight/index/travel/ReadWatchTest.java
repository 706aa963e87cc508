package dev.hindsight.index.travel;

import static dev.hindsight.index.travel.ReverseStepsTest.await;
import static dev.hindsight.index.travel.ReverseStepsTest.state;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.breakpoints.WatchKind;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.travel.TimeTravel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Data breakpoints on reads and on accesses over a recording, against the hardware: a forward
 * replay of the recording with an x86 access watchpoint (debug registers, RW=11) stops after every
 * instruction that read or wrote the global, and one with a write watchpoint after every write.
 * (gdb is no oracle here: under {@code record full} its rwatch and awatch never stop in reverse,
 * and x86 cannot watch reads alone.) The fixture has no instruction that both reads and writes
 * it, so its reads are the accesses that are not writes. Over the index, reverse continue stops
 * before each of them in reverse order (one instruction forward gives the forward stop's state),
 * and forward continue stops after each, as the hardware did.
 */
class ReadWatchTest {
    static Path trace;

    @BeforeAll
    static void record() throws Exception {
        trace = dev.hindsight.index.testing.BuiltRecordings.of(Fixtures.compile("reads.c"));
    }

    record Hits(long address, List<long[]> accesses, List<long[]> writes) {}

    /** The forward replay's access and write watchpoint stops on g, from main on. */
    static Hits hardware() throws Exception {
        long address;
        List<long[]> accesses = new ArrayList<>(), writes = new ArrayList<>();
        for (WatchKind kind : new WatchKind[] {WatchKind.READ_WRITE, WatchKind.WRITE}) {
            try (Target replay = Target.replay(trace, null)) {
                await(replay.execution().runToMain());
                String pointer = replay.frames().evaluate("&g", replay.frames().backtrace().get(0)).value();
                var hex = java.util.regex.Pattern.compile("0x[0-9a-f]+").matcher(pointer);
                assertTrue(hex.find(), pointer);
                address = Long.decode(hex.group());
                replay.breakpoints().addWatch(address, 4, kind);
                while (await(replay.execution().resume()) instanceof StopEvent.Stopped s && s.reason() == StopEvent.Reason.WATCHPOINT) {
                    (kind == WatchKind.WRITE ? writes : accesses).add(state(replay));
                }
            }
            if (kind == WatchKind.WRITE) return new Hits(address, accesses, writes);
        }
        throw new AssertionError();
    }

    private static List<long[]> readsOnly(Hits h) {
        return h.accesses().stream().filter(a -> h.writes().stream().noneMatch(w -> java.util.Arrays.equals(a, w))).toList();
    }

    @Test
    void theHardwareSeesTheFixturesReadsAndWrites() throws Exception {
        Hits h = hardware();
        assertEquals(2, h.writes().size(), "write1 and write2");
        assertEquals(3 + 2, h.accesses().size(), "read1, the callee's read and read2, and the two writes");
        assertEquals(3, readsOnly(h).size());
    }

    @Test
    void reverseContinueStopsBeforeEachReadAndEachAccess() throws Exception {
        Hits h = hardware();
        for (WatchKind kind : new WatchKind[] {WatchKind.READ, WatchKind.READ_WRITE}) {
            List<long[]> expected = kind == WatchKind.READ ? readsOnly(h) : h.accesses();
            try (Target indexed = OpenedRecording.open(trace)) {
                TimeTravel travel = indexed.timeTravel().orElseThrow();
                await(travel.goTo(travel.length() - 1));
                indexed.breakpoints().addWatch(h.address(), 4, kind);
                for (int i = expected.size() - 1; i >= 0; i--) {
                    StopEvent stop = await(travel.reverseContinue());
                    assertEquals(StopEvent.Reason.WATCHPOINT, ((StopEvent.Stopped) stop).reason(), kind + " " + i);
                    await(indexed.execution().stepInstruction()); // the access itself
                    assertArrayEquals(expected.get(i), state(indexed), kind + " access " + i + " of " + expected.size());
                    await(travel.stepBackInstruction());
                }
                // Before main nothing touched g (the loader's relocations do not).
                StopEvent start = await(travel.reverseContinue());
                assertEquals(StopEvent.Reason.ENTRY, ((StopEvent.Stopped) start).reason(), kind + ": nothing before the first");
            }
        }
    }

    @Test
    void forwardContinueStopsAfterEachReadAsTheHardwareDoes() throws Exception {
        Hits h = hardware();
        List<long[]> expected = readsOnly(h);
        try (Target indexed = OpenedRecording.open(trace)) {
            await(indexed.execution().runToMain());
            indexed.breakpoints().addWatch(h.address(), 4, WatchKind.READ);
            for (int i = 0; i < expected.size(); i++) {
                StopEvent stop = await(indexed.execution().resume());
                assertEquals(StopEvent.Reason.WATCHPOINT, ((StopEvent.Stopped) stop).reason(), "read " + i);
                assertArrayEquals(expected.get(i), state(indexed), "read " + i);
            }
            assertEquals(StopEvent.Reason.END_OF_HISTORY, ((StopEvent.Stopped) await(indexed.execution().resume())).reason());
        }
    }
}
