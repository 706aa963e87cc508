package dev.hindsight.dap.travel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Programs;
import dev.hindsight.dap.testing.Recordings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What has no history is refused in words, and a bad request on a recording is answered with what
 * is wrong while the session goes on serving: a live program, a trace without an index, missing
 * or impossible arguments.
 */
@Timeout(600)
class TravelRefusalsTest {
    static final String FIXTURE = ReverseStepTest.FIXTURE;
    @TempDir static Path tmp;
    static Path trace;
    static String file;

    @BeforeAll
    static void record() throws Exception {
        trace = Recordings.built(FIXTURE);
        file = Programs.source(FIXTURE).toString();
    }

    /** Every reverse or history request, with arguments that would be right on a recording. */
    static Map<String, Map<String, Object>> historyRequests(int thread) {
        return Map.of(
                "stepBack", Map.of("threadId", thread),
                "reverseContinue", Map.of("threadId", thread),
                "gotoTargets", Map.of("source", Map.of("path", file), "line", Programs.line(FIXTURE, "accumulate")),
                "hindsight/stepBackIn", Map.of("threadId", thread),
                "hindsight/stepBackOut", Map.of("threadId", thread),
                "hindsight/goto", Map.of("time", 0),
                "hindsight/timeline", Map.of(),
                "hindsight/executions", Map.of("function", "square"));
    }

    @Test
    void aLiveProgramRefusesTheHistoryRequestsAndGoesOn() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            int thread = c.launch(Map.of("program", Programs.compile(FIXTURE).toString(), "stopOnEntry", true)).get("threadId").getAsInt();
            historyRequests(thread).forEach((command, args) -> {
                String error = c.error(command, args);
                assertTrue(error.contains("'" + command + "' needs a recorded run") && error.contains("live program"), command + ": " + error);
            });
            assertTrue(c.events().stream().noneMatch(e -> e.get("event").getAsString().equals("capabilities")));
            assertFalse(c.request("stopState", Map.of("levels", 1)).has("time"), "a live program has no time");
            assertEquals("step", c.step("next", thread, null).get("reason").getAsString());
        }
    }

    @Test
    void aTraceWithoutAnIndexIsReplayedForwardsAndSaysHowToBuildIt() throws Exception {
        Path unbuilt = Recordings.record(FIXTURE, tmp.resolve("unbuilt"));
        try (DapTestClient c = DapTestClient.inProcess()) {
            int thread = c.launch(Map.of("trace", unbuilt.toString(), "stopOnEntry", true)).get("threadId").getAsInt();
            assertTrue(c.output("console").contains("`hindsight build " + unbuilt + "` enables reverse execution"), c.output("console"));
            String error = c.error("stepBack", Map.of("threadId", thread));
            assertTrue(error.contains("without an index"), error);
            c.request("continue", Map.of("threadId", thread));
            assertEquals(0, c.exited().get("exitCode").getAsInt(), "replayed to its exit, as before");
        }
    }

    @Test
    void badArgumentsAreAnsweredWhileTheSessionGoesOn() {
        try (TravelClient c = new TravelClient(trace)) {
            long length = c.dap.request("stopState", Map.of("levels", 1)).get("length").getAsLong();
            long now = c.time();
            int nocode = Programs.line(FIXTURE, "nocode"), print = Programs.line(FIXTURE, "print");
            expect(c, "hindsight/stepBackIn", Map.of(), "missing argument 'threadId'");
            expect(c, "hindsight/stepBackOut", Map.of("granularity", "line"), "missing argument 'threadId'");
            expect(c, "hindsight/stepBackIn", Map.of("threadId", c.thread, "granularity", "sideways"), "granularity must be");
            expect(c, "stepBack", Map.of("threadId", 424242), "no thread 424242");
            expect(c, "reverseContinue", Map.of(), "no thread 0");
            expect(c, "hindsight/goto", Map.of(), "missing argument 'time'");
            expect(c, "hindsight/goto", Map.of("time", -1), "time -1 is outside the recording (0 to " + (length - 1) + ")");
            expect(c, "hindsight/goto", Map.of("time", length), "time " + length + " is outside the recording");
            expect(c, "hindsight/executions", Map.of("source", Map.of("path", file), "line", nocode),
                    "line " + nocode + " of " + file + " has no code (the next line with code is " + print + ")");
            expect(c, "gotoTargets", Map.of("source", Map.of("path", file), "line", nocode), "has no code");
            expect(c, "hindsight/executions", Map.of("function", "square", "line", 3), "exactly one of");
            expect(c, "hindsight/executions", Map.of("function", "nosuch"), "no function named 'nosuch'");
            expect(c, "hindsight/executions", Map.of("function", "square", "count", -1), "count must be");
            expect(c, "goto", Map.of("threadId", c.thread, "targetId", 987654), "stale targetId 987654");
            assertEquals(now, c.time(), "nothing moved");
            assertEquals(1, c.dap.request("threads", null).getAsJsonArray("threads").size());
            JsonObject end = c.move("continue");
            assertEquals("step", end.get("reason").getAsString());
            JsonObject back = c.move("stepBack", "line");
            assertEquals("step", back.get("reason").getAsString());
            assertTrue(c.time() < length - 1);
        }
    }

    private static void expect(TravelClient c, String command, Map<String, Object> args, String message) {
        String error = c.dap.error(command, args);
        assertTrue(error.contains(message), command + " " + args + ": " + error);
    }
}
