package dev.hindsight.dap.travel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.Programs;
import dev.hindsight.dap.testing.Recordings;
import dev.hindsight.dap.variables.Evaluation;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.stack.Frame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code hindsight/executions} of a loop line over a whole recorded run gives, at every execution,
 * the values a live run of the same program shows stopped there: the live process (ptrace, no
 * recording, no index) stops at a breakpoint on each of the line's addresses and evaluates the
 * same expressions in its innermost frame. 3,000 iterations, paged 1,000 at a time, over many of
 * the index's blocks and across the build's two shards.
 */
@Timeout(900)
class ExecutionsLiveTest {
    static final String FIXTURE = "dap_executions_loop.c";
    static final List<String> EXPRESSIONS = List.of("i", "acc", "small", "acc + i");

    @Test
    void everyExecutionsValuesAreTheLiveRunsAtThatStop() throws Exception {
        Path trace = Recordings.built(FIXTURE);
        String file = Programs.source(FIXTURE).toString();
        int line = Programs.line(FIXTURE, "loop");

        List<Map<String, String>> live = new ArrayList<>();
        try (Target t = Target.launch(LaunchSpec.of(Programs.compile(FIXTURE))
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL))) {
            t.execution().runToMain().get(120, TimeUnit.SECONDS);
            for (long a : t.symbols().source().resolve(file, line).orElseThrow().addresses()) t.breakpoints().add(a);
            while (t.execution().resume().get(120, TimeUnit.SECONDS) instanceof StopEvent.Stopped s && s.reason() == StopEvent.Reason.BREAKPOINT) {
                Frame top = t.frames().backtrace(t.currentThread(), 1).get(0);
                Map<String, String> values = new java.util.LinkedHashMap<>();
                for (String e : EXPRESSIONS) values.put(e, Evaluation.evaluate(t, e, top).value());
                live.add(values);
            }
        }
        assertEquals(3000, live.size(), "a stop per iteration");

        List<Map<String, String>> recorded = new ArrayList<>();
        long total = -1;
        try (TravelClient c = new TravelClient(trace)) {
            do {
                JsonObject page = c.dap.request("hindsight/executions", Map.of("source", Map.of("path", file), "line", line,
                        "expressions", EXPRESSIONS, "start", recorded.size(), "count", 1000));
                total = page.get("total").getAsLong();
                List<JsonObject> runs = TravelClient.objects(page.getAsJsonArray("executions"));
                assertTrue(!runs.isEmpty() || recorded.size() == total, "a page while some are left");
                for (JsonObject run : runs) {
                    Map<String, String> values = new java.util.LinkedHashMap<>();
                    for (String e : EXPRESSIONS) values.put(e, run.getAsJsonObject("values").get(e).getAsString());
                    recorded.add(values);
                }
            } while (recorded.size() < total);
        }
        assertEquals(live.size(), total, "the number of executions");
        for (int k = 0; k < live.size(); k++) assertEquals(live.get(k), recorded.get(k), "execution " + k + " of " + total);
    }
}
