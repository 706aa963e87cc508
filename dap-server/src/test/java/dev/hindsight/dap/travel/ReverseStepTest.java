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
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Over DAP, on a built trace: stepping back is stepping forwards read backwards. The oracle is the
 * same session's forward steps (next, stepIn) from main: each place (time, line, pc) they stop at
 * is visited again, in reverse order, by stepBack and hindsight/stepBackIn of the same granularity.
 */
@Timeout(600)
class ReverseStepTest {
    static final String FIXTURE = "dap_travel_loop.c";
    static Path trace;

    @BeforeAll
    static void record() throws Exception {
        trace = Recordings.built(FIXTURE);
    }

    @Test
    void aBuiltTraceAnnouncesStepBackAndEndsInAStopNotAnExit() {
        try (TravelClient c = new TravelClient(trace)) {
            JsonObject caps = c.dap.event("capabilities").getAsJsonObject("body").getAsJsonObject("capabilities");
            assertTrue(caps.get("supportsStepBack").getAsBoolean(), caps.toString());
            assertTrue(caps.get("supportsGotoTargetsRequest").getAsBoolean(), caps.toString());
            assertEquals(Programs.line(FIXTURE, "start"), c.place().line());
            JsonObject end = c.move("continue");
            assertEquals("step", end.get("reason").getAsString());
            assertEquals("End of the recording", end.get("description").getAsString());
            assertTrue(c.dap.output("console").contains("The recording ends here: the program exited with status 0"),
                    c.dap.output("console"));
            JsonObject state = c.dap.request("stopState", Map.of("levels", 1));
            assertEquals(state.get("length").getAsLong() - 1, state.get("time").getAsLong());
            assertTrue(c.dap.eventNames().stream().noneMatch(e -> e.startsWith("exited") || e.startsWith("terminated")), c.dap.eventNames().toString());
        }
    }

    @Test
    void stepBackByLineRetracesNext() {
        retrace("next", "stepBack", "line", Set.of("main"));
    }

    @Test
    void stepBackByInstructionRetracesNextByInstruction() {
        retrace("next", "stepBack", "instruction", Set.of("main"));
    }

    @Test
    void stepBackInByLineRetracesStepIn() {
        retrace("stepIn", "hindsight/stepBackIn", "line", Set.of("main", "square"), Programs.line(FIXTURE, "half"));
    }

    /**
     * Across calls into the C library (printf, fflush through their PLT stubs): where the library
     * has line information (separate debug info installed, as here), a forward step-in runs the
     * call whole (it judges by the PLT stub, which has none) but the engine's reverse step-into
     * enters the callee at its last line (it judges by the callee's return). gdb enters both ways.
     */
    @Test
    void stepBackInByLineRetracesStepInAcrossLibraryCalls() {
        retrace("stepIn", "hindsight/stepBackIn", "line", Set.of("main", "square"));
    }

    @Test
    void stepBackInByInstructionRetracesStepInByInstruction() {
        retrace("stepIn", "hindsight/stepBackIn", "instruction", Set.of("main", "square"));
    }

    /**
     * Forward steps from main while they stop in the fixture's own functions; then, from the last
     * of those places, back through them all.
     */
    private static void retrace(String forward, String back, String granularity, Set<String> functions) {
        retrace(forward, back, granularity, functions, -1);
    }

    /** As above, the forward steps ending when they reach {@code untilLine}. */
    private static void retrace(String forward, String back, String granularity, Set<String> functions, int untilLine) {
        try (TravelClient c = new TravelClient(trace)) {
            List<TravelClient.Place> places = new ArrayList<>();
            places.add(c.place());
            while (places.size() < 400) {
                c.move(forward, granularity);
                if (!functions.contains(c.function())) break;
                places.add(c.place());
                if (places.get(places.size() - 1).line() == untilLine) break;
            }
            assertTrue(places.size() > 20, "the fixture has many steps: " + places.size());
            TravelClient.Place last = places.get(places.size() - 1);
            assertEquals("goto", c.move("hindsight/goto", Map.of("time", last.time())).get("reason").getAsString());
            assertEquals(last, c.place());
            for (int i = places.size() - 2; i >= 0; i--) {
                TravelClient.Place from = c.place();
                JsonObject stop = c.move(back, granularity);
                assertEquals(places.get(i), c.place(), back + " (" + granularity + ") from " + from + " to forward step " + i);
                assertEquals(i == 0 && places.get(0).time() == 0 ? "entry" : "step", stop.get("reason").getAsString());
            }
        }
    }

    @Test
    void stepBackOutGoesBackToTheCallInstruction() {
        String file = Programs.source(FIXTURE).toString();
        try (TravelClient c = new TravelClient(trace)) {
            c.breakpoints(file, Programs.line(FIXTURE, "square"), Map.of());
            c.move("continue");
            c.move("continue"); // square(1)
            assertEquals("square", c.function());
            assertEquals("1", c.eval("v"));
            long inside = c.time();
            c.noBreakpoints(file);
            c.move("hindsight/stepBackOut");
            TravelClient.Place call = c.place();
            assertEquals("main", c.function());
            assertEquals(Programs.line(FIXTURE, "body"), call.line());
            assertEquals("1", c.eval("i"));
            assertTrue(call.time() < inside);
            JsonObject dis = c.dap.request("disassemble", Map.of("memoryReference", call.pc(), "instructionCount", 1));
            String instruction = dis.getAsJsonArray("instructions").get(0).getAsJsonObject().get("instruction").getAsString();
            assertTrue(instruction.startsWith("call"), instruction);
            // forward from the call: into square again
            c.move("stepIn", "instruction");
            assertEquals("square", c.function());
            assertEquals(call.time() + 1, c.time());
        }
    }
}
