package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Programs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Breakpoints changed while a step runs: the step still ends as a step, where a step ends. */
@Timeout(120)
class BreakpointsWhileSteppingTest {
    private static final String SLEEPER = "dap_sleeper.c";

    @Test
    void settingBreakpointsDuringANextOverASleepKeepsItAStep() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(Map.of("program", Programs.compile(SLEEPER).toString(), "stopOnEntry", true));
            int tid = entry.get("threadId").getAsInt();
            Map<String, Object> source = Map.of("path", Programs.source(SLEEPER).toString());
            int sleep = Programs.line(SLEEPER, "sleep"), tick = Programs.line(SLEEPER, "tick");
            c.request("setBreakpoints", Map.of("source", source, "breakpoints", List.of(Map.of("line", sleep))));
            c.continueToStop(tid);
            c.request("setBreakpoints", Map.of("source", source, "breakpoints", List.of()));
            for (int round = 0; round < 3; round++) {
                assertEquals(sleep, c.topFrame(tid).get("line").getAsInt());
                int m = c.mark();
                // The next sleeps 100 ms in usleep; the breakpoints arrive meanwhile.
                c.request("next", Map.of("threadId", tid));
                c.request("setBreakpoints", Map.of("source", source, "breakpoints", List.of(Map.of("line", tick))));
                JsonObject stop = c.stopped(m);
                assertEquals("step", stop.get("reason").getAsString(), "round " + round);
                assertEquals(tick, c.topFrame(tid).get("line").getAsInt(), "round " + round);
                c.request("setBreakpoints", Map.of("source", source, "breakpoints", List.of(Map.of("line", sleep))));
                c.continueToStop(tid);
            }
        }
    }
}
