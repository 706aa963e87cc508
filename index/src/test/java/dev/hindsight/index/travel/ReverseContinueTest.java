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
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reverse continue finds, in reverse order, the same breakpoint hits and the same writes that a
 * forward run of the recording (replayed as a live process, hardware watchpoints and all) stops
 * at; with none left it stops at the run's first instruction. Forward from anywhere behaves as
 * live up to the end of the recording, where it stops instead of exiting.
 */
class ReverseContinueTest {
    static Path trace;

    @BeforeAll
    static void record() throws Exception {
        trace = dev.hindsight.index.testing.BuiltRecordings.of(Fixtures.compile("travel.c"));
    }

    @Test
    void reverseContinueHitsTheForwardBreakpointHitsInReverse() throws Exception {
        String file = Fixtures.source("travel.c").toString();
        int[] lines = {Fixtures.line("travel.c", "square"), Fixtures.line("travel.c", "move")};
        List<long[]> hits = new ArrayList<>();
        try (Target replay = Target.replay(trace, null)) {
            for (int l : lines) replay.breakpoints().addLine(file, l);
            while (await(replay.execution().resume()) instanceof StopEvent.Stopped s && s.reason() == StopEvent.Reason.BREAKPOINT) hits.add(state(replay));
        }
        assertEquals(8, hits.size(), "square and move run 4 times each");
        try (Target indexed = OpenedRecording.open(trace)) {
            TimeTravel travel = indexed.timeTravel().orElseThrow();
            for (int l : lines) indexed.breakpoints().addLine(file, l);
            for (long[] hit : hits) {
                StopEvent stop = await(indexed.execution().resume());
                assertEquals(StopEvent.Reason.BREAKPOINT, ((StopEvent.Stopped) stop).reason());
                assertArrayEquals(hit, state(indexed));
            }
            StopEvent end = await(indexed.execution().resume());
            assertEquals(StopEvent.Reason.END_OF_HISTORY, ((StopEvent.Stopped) end).reason(), "the recording ends, it does not exit");
            assertEquals(travel.length() - 1, travel.now());
            for (int i = hits.size() - 1; i >= 0; i--) {
                StopEvent stop = await(travel.reverseContinue());
                assertEquals(StopEvent.Reason.BREAKPOINT, ((StopEvent.Stopped) stop).reason());
                assertArrayEquals(hits.get(i), state(indexed), "reverse hit " + i);
            }
            StopEvent start = await(travel.reverseContinue());
            assertEquals(StopEvent.Reason.ENTRY, ((StopEvent.Stopped) start).reason());
            assertEquals(0, travel.now());
        }
    }

    @Test
    void reverseContinueToADataBreakpointFindsTheWritesAForwardWatchpointStopsAfter() throws Exception {
        List<long[]> afterWrites = new ArrayList<>();
        long address;
        try (Target replay = Target.replay(trace, null)) {
            replay.breakpoints().addLine(Fixtures.source("travel.c").toString(), Fixtures.line("travel.c", "start"));
            await(replay.execution().resume());
            String pointer = replay.frames().evaluate("&pt.x", replay.frames().backtrace().get(0)).value();
            var hex = java.util.regex.Pattern.compile("0x[0-9a-f]+").matcher(pointer);
            assertTrue(hex.find(), pointer);
            address = Long.decode(hex.group());
            replay.breakpoints().addWatch(address, 4, WatchKind.WRITE);
            List<String> writers = new ArrayList<>();
            while (await(replay.execution().resume()) instanceof StopEvent.Stopped s && s.reason() == StopEvent.Reason.WATCHPOINT) {
                afterWrites.add(state(replay));
                writers.add(replay.symbols().sourceAt(s.pc()).map(p -> p.function()).orElse("?"));
            }
            // move writes pt.x once per iteration; after main returned, the C library reuses its stack.
            assertEquals(List.of("move", "move", "move", "move"), writers.subList(0, 4), writers.toString());
        }
        try (Target indexed = OpenedRecording.open(trace)) {
            TimeTravel travel = indexed.timeTravel().orElseThrow();
            travel.goTo(travel.length() - 1).get();
            indexed.breakpoints().addWatch(address, 4, WatchKind.WRITE);
            for (int i = afterWrites.size() - 1; i >= 0; i--) {
                StopEvent stop = await(travel.reverseContinue());
                assertEquals(StopEvent.Reason.WATCHPOINT, ((StopEvent.Stopped) stop).reason());
                int before = readInt(indexed, address);
                await(indexed.execution().stepInstruction()); // the write itself
                assertArrayEquals(afterWrites.get(i), state(indexed), "write " + i);
                assertTrue(readInt(indexed, address) != before || i == 0, "the instruction wrote pt.x");
                await(travel.stepBackInstruction());
            }
        }
    }

    @Test
    void forwardPassesTheRecordedOutputOnceAndGoToReachesAnyTime() throws Exception {
        try (Target indexed = OpenedRecording.open(trace)) {
            TimeTravel travel = indexed.timeTravel().orElseThrow();
            await(indexed.execution().resume());
            await(travel.goTo(0));
            assertEquals(StopEvent.Reason.ENTRY, ((StopEvent.Stopped) indexed.lastStop()).reason());
            await(indexed.execution().resume());
            indexed.kill();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            indexed.stdio().stdout().transferTo(out);
            assertEquals("14 7 -4 24\n", out.toString(), "printed once, though the end was reached twice");
            assertTrue(travel.ending().contains("exited with status 0"), travel.ending());
        }
    }

    @Test
    void aQuestionAtAnotherTimeIsAnsweredThereWithoutMoving() throws Exception {
        String file = Fixtures.source("travel.c").toString();
        try (Target indexed = OpenedRecording.open(trace)) {
            TimeTravel travel = indexed.timeTravel().orElseThrow();
            indexed.breakpoints().addLine(file, Fixtures.line("travel.c", "square"));
            List<Long> times = new ArrayList<>();
            while (await(indexed.execution().resume()) instanceof StopEvent.Stopped s && s.reason() == StopEvent.Reason.BREAKPOINT) times.add(travel.now());
            long end = travel.now();
            List<String> seen = new ArrayList<>();
            for (long t : times) seen.add(travel.at(t, () -> indexed.frames().evaluate("v", indexed.frames().backtrace().get(0)).value()));
            assertEquals(List.of("0", "1", "2", "3"), seen);
            assertEquals(end, travel.now());
            assertEquals(travel.length() - 1, travel.now());
        }
    }

    /** Frames, modules and symbols come from the recording's own copies of the program and its libraries. */
    @Test
    void backtracesAndLocalsMatchTheReplayAtTheSameHit() throws Exception {
        String file = Fixtures.source("travel.c").toString();
        int line = Fixtures.line("travel.c", "move");
        List<String> want;
        try (Target replay = Target.replay(trace, null)) {
            replay.breakpoints().addLine(file, line);
            await(replay.execution().resume());
            await(replay.execution().resume());
            want = describe(replay);
        }
        assertTrue(want.get(0).startsWith("move") && want.get(1).startsWith("main"), want.toString());
        try (Target indexed = OpenedRecording.open(trace)) {
            TimeTravel travel = indexed.timeTravel().orElseThrow();
            indexed.breakpoints().addLine(file, line);
            await(travel.goTo(travel.length() - 1));
            await(travel.reverseContinue());
            await(travel.reverseContinue());
            await(travel.reverseContinue()); // the second of four hits, from the end
            assertEquals(want, describe(indexed));
            // The C library, mapped by the dynamic loader: its symbols are known, from the trace's copy.
            assertTrue(indexed.symbols().modulesNow().modules().stream().anyMatch(m -> m.path().contains("libc.so")),
                    indexed.symbols().modules().modules().toString());
            long puts = indexed.symbols().addressOf("puts").orElseThrow();
            assertTrue(indexed.symbols().symbolize(puts).orElseThrow().contains("puts"), indexed.symbols().symbolize(puts).toString());
        }
    }

    private static List<String> describe(Target t) {
        List<String> out = new ArrayList<>();
        for (var f : t.frames().backtrace()) {
            String where = f.function() + " " + t.symbols().modules().moduleAt(f.pc()).map(m -> java.nio.file.Path.of(m.path()).getFileName().toString()).orElse("?");
            if (f.function() != null && f.function().equals("move")) where += " dx=" + t.frames().evaluate("dx", f).value();
            out.add(where);
        }
        return out;
    }

    private static int readInt(Target t, long address) {
        return ByteBuffer.wrap(t.memory().read(address, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
