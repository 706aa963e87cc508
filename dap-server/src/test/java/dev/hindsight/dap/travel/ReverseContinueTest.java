package dev.hindsight.dap.travel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.Programs;
import dev.hindsight.dap.testing.Recordings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * reverseContinue over DAP stops at the hits a forward continue stops at, in reverse order: line
 * breakpoints, data breakpoints (at the writing instruction, one before the forward stop after
 * it), conditions and log points decided as going forwards; with none left, at the run's start.
 * The loop's values are known by hand: iteration i adds i*i+1 to total (0, 1, 3, 8, 18 before).
 */
@Timeout(600)
class ReverseContinueTest {
    static final String FIXTURE = ReverseStepTest.FIXTURE;
    static Path trace;
    static String file;

    @BeforeAll
    static void record() throws Exception {
        trace = Recordings.built(FIXTURE);
        file = Programs.source(FIXTURE).toString();
    }

    record Hit(long time, String i) { }

    @Test
    void reverseContinueStopsAtTheForwardLineBreakpointHitsInReverse() {
        try (TravelClient c = new TravelClient(trace)) {
            c.breakpoints(file, Programs.line(FIXTURE, "accumulate"), Map.of());
            List<Hit> forward = new ArrayList<>();
            while ("breakpoint".equals(c.move("continue").get("reason").getAsString())) forward.add(new Hit(c.time(), c.eval("i")));
            assertEquals(List.of("0", "1", "2", "3", "4"), forward.stream().map(Hit::i).toList());
            for (int k = forward.size() - 1; k >= 0; k--) {
                JsonObject stop = c.move("reverseContinue");
                assertEquals("breakpoint", stop.get("reason").getAsString());
                assertEquals(1, stop.getAsJsonArray("hitBreakpointIds").size());
                assertEquals(forward.get(k), new Hit(c.time(), c.eval("i")), "reverse hit " + k);
            }
            JsonObject start = c.move("reverseContinue");
            assertEquals("entry", start.get("reason").getAsString());
            assertEquals(0, c.time());
        }
    }

    @Test
    void reverseContinueStopsAtTheWritesAForwardDataBreakpointStopsAfter() {
        try (TravelClient c = new TravelClient(trace)) {
            long mainTime = c.time();
            int frame = c.dap.topFrame(c.thread).get("id").getAsInt();
            String dataId = c.dap.request("dataBreakpointInfo", Map.of("name", "total", "frameId", frame)).get("dataId").getAsString();
            JsonObject set = c.dap.request("setDataBreakpoints", Map.of("breakpoints", List.of(Map.of("dataId", dataId, "accessType", "write"))));
            assertTrue(set.getAsJsonArray("breakpoints").get(0).getAsJsonObject().get("verified").getAsBoolean(), set.toString());
            List<Long> forward = new ArrayList<>();
            List<String> totals = new ArrayList<>();
            while ("data breakpoint".equals(c.move("continue").get("reason").getAsString())) {
                forward.add(c.time());
                if (c.function().equals("main")) totals.add(c.eval("total"));
            }
            assertEquals(List.of("0", "1", "3", "8", "18", "35"), totals, "total = 0, then each addition");
            for (int k = forward.size() - 1; k >= 0; k--) {
                JsonObject stop = c.move("reverseContinue");
                assertEquals("data breakpoint", stop.get("reason").getAsString());
                assertEquals(forward.get(k) - 1, c.time(), "reverse write " + k + ": the writing instruction");
            }
            // Before main the same stack bytes were written too (the forward run began at main): those, then the start.
            while (c.move("reverseContinue").get("reason").getAsString().equals("data breakpoint")) {
                assertTrue(c.time() < mainTime, "a write before main: " + c.time());
            }
            assertEquals(0, c.time());
        }
    }

    /**
     * Read and read/write data breakpoints backwards, from main's last lines (after main the C
     * library reuses its stack): the reads of total are the accumulate line's (one per iteration,
     * total 18, 8, 3, 1, 0 before it), half's at i == 2 and print's; its writes are start's and the
     * accumulate line's (after its read). Each stop is before the reading instruction, on its line.
     */
    @Test
    void readAndReadWriteDataBreakpointsStopAtTheReadsBackwards() {
        int print = Programs.line(FIXTURE, "print"), accumulate = Programs.line(FIXTURE, "accumulate"),
                half = Programs.line(FIXTURE, "half"), start = Programs.line(FIXTURE, "start");
        for (String accessType : List.of("read", "readWrite")) {
            try (TravelClient c = new TravelClient(trace)) {
                int frame = c.dap.topFrame(c.thread).get("id").getAsInt();
                JsonObject info = c.dap.request("dataBreakpointInfo", Map.of("name", "total", "frameId", frame));
                assertEquals("[\"write\",\"read\",\"readWrite\"]", info.getAsJsonArray("accessTypes").toString());
                c.breakpoints(file, print, Map.of());
                c.move("continue");
                c.noBreakpoints(file);
                c.move("next"); // past print's read, still in main
                JsonObject set = c.dap.request("setDataBreakpoints", Map.of("breakpoints",
                        List.of(Map.of("dataId", info.get("dataId").getAsString(), "accessType", accessType))));
                assertTrue(set.getAsJsonArray("breakpoints").get(0).getAsJsonObject().get("verified").getAsBoolean(), set.toString());
                List<Integer> lines = new ArrayList<>();
                List<String> totals = new ArrayList<>();
                while (lines.size() < 20 && "data breakpoint".equals(c.move("reverseContinue").get("reason").getAsString())
                        && c.function().equals("main")) {
                    lines.add(c.place().line());
                    if (c.place().line() == accumulate) totals.add(c.eval("total"));
                }
                if (accessType.equals("read")) {
                    assertEquals(List.of(print, accumulate, accumulate, half, accumulate, accumulate, accumulate), lines, "reads of total, latest first");
                    assertEquals(List.of("18", "8", "3", "1", "0"), totals);
                } else {
                    List<Integer> want = new ArrayList<>(List.of(print));
                    for (int i = 4; i >= 0; i--) {
                        want.addAll(List.of(accumulate, accumulate)); // its write, then its read
                        if (i == 2) want.add(want.size() - 2, half);
                    }
                    want.add(start);
                    assertEquals(want, lines, "reads and writes of total, latest first");
                }
            }
        }
    }

    @Test
    void conditionsAndLogPointsDecideInReverseAsForwards() {
        try (TravelClient c = new TravelClient(trace)) {
            c.move("continue"); // to the end
            int body = Programs.line(FIXTURE, "body"), accumulate = Programs.line(FIXTURE, "accumulate");
            c.dap.request("setBreakpoints", Map.of("source", Map.of("path", file), "breakpoints", List.of(
                    Map.of("line", body, "logMessage", "body {i}"),
                    Map.of("line", accumulate, "condition", "i % 2 == 1"))));
            List<String> stops = new ArrayList<>();
            String reason;
            while ((reason = c.move("reverseContinue").get("reason").getAsString()).equals("breakpoint")) {
                assertEquals(accumulate, c.place().line());
                stops.add(c.eval("i") + " after log " + c.dap.output("console").replaceAll("(?s).*The recording ends here[^\n]*\n", "").strip());
            }
            assertEquals("entry", reason);
            assertEquals(List.of("3 after log body 4", "1 after log body 4\nbody 3\nbody 2"), stops);
            assertTrue(c.dap.output("console").endsWith("body 1\nbody 0\n"), c.dap.output("console"));
        }
    }

    @Test
    void aHitConditionCountsReverseHitsAsForwardOnes() {
        try (TravelClient c = new TravelClient(trace)) {
            c.move("continue");
            c.breakpoints(file, Programs.line(FIXTURE, "accumulate"), Map.of("hitCondition", "% 2"));
            List<String> seen = new ArrayList<>();
            while (c.move("reverseContinue").get("reason").getAsString().equals("breakpoint")) seen.add(c.eval("i"));
            // hits 1..5 going back are i = 4, 3, 2, 1, 0: every second one stops
            assertEquals(List.of("3", "1"), seen);
        }
    }
}
