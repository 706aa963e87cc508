package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Programs;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.record.Recorder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A DAP launch with {@code "trace"} replays a recording: same stops, output and exit as the recorded run. */
@Timeout(300)
class ReplayLaunchTest {
    @TempDir Path tmp;

    @Test
    void aLaunchWithATraceReplaysTheRecordedRun() throws Exception {
        Path trace = tmp.resolve("trace");
        Recorder.Result recorded = Recorder.record(Recorder.Options.of(Programs.compile("dap_basic.c"), List.of())
                .withTraceDir(trace).withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
        assertEquals(3, recorded.exitStatus());
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject stop = c.launch(Map.of("trace", trace.toString(), "stopOnEntry", true));
            assertEquals("entry", stop.get("reason").getAsString());
            int thread = stop.get("threadId").getAsInt();
            JsonObject top = c.topFrame(thread);
            assertEquals("main", top.get("name").getAsString());
            assertEquals(Programs.line("dap_basic.c", "main_start"), top.get("line").getAsInt());
            c.request("continue", Map.of("threadId", thread));
            assertEquals(3, c.exited().get("exitCode").getAsInt());
            c.event("terminated");
            assertEquals("total=30 p=3,4 n=78\n", c.output("stdout"));
            assertEquals("to stderr\n", c.output("stderr"));
        }
    }

    @Test
    void aBadTraceFailsTheLaunchWithItsReason() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.initialize();
            JsonObject r = c.call("launch", Map.of("trace", tmp.resolve("none").toString()));
            assertFalse(r.get("success").getAsBoolean());
            assertTrue(r.toString().contains("no trace at"), r.toString());
        }
    }
}
