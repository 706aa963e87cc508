package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Programs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class LaunchTest {
    @Test
    void stopOnEntryStopsAtMainAfterItsPrologue() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject stop = c.launch(Map.of("program", Programs.compile("dap_basic.c").toString(), "stopOnEntry", true));
            assertEquals("entry", stop.get("reason").getAsString());
            JsonObject top = c.topFrame(stop.get("threadId").getAsInt());
            assertEquals("main", top.get("name").getAsString());
            assertEquals(Programs.line("dap_basic.c", "main_start"), top.get("line").getAsInt());
            assertTrue(top.get("instructionPointerReference").getAsString().matches("0x[0-9a-f]+"));
        }
    }

    @Test
    void withoutStopOnEntryTheProgramRunsToItsExitWithOutputFirst() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", Programs.compile("dap_basic.c").toString()));
            assertEquals(3, c.exited().get("exitCode").getAsInt());
            c.event("terminated");
            List<String> order = c.events().stream().map(e -> e.get("event").getAsString()
                    + (e.get("event").getAsString().equals("output") ? ":" + e.getAsJsonObject("body").get("category").getAsString() : ""))
                    .toList();
            assertTrue(order.indexOf("output:stdout") >= 0 && order.indexOf("output:stdout") < order.indexOf("exited"), order.toString());
            assertTrue(order.indexOf("output:stderr") >= 0 && order.indexOf("output:stderr") < order.indexOf("exited"), order.toString());
            int previous = 0;
            for (JsonObject message : c.messages()) {
                assertTrue(message.get("seq").getAsInt() > previous, "seq increases over responses and events");
                previous = message.get("seq").getAsInt();
            }
            String stdout = c.output("stdout");
            assertEquals("total=30 p=3,4 n=78\n", stdout);
            assertEquals("to stderr\n", c.output("stderr"));
        }
    }

    @Test
    void configurationDoneMayComeBeforeLaunch() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.initialize();
            c.request("configurationDone", null);
            int m = c.mark();
            c.request("launch", Map.of("program", Programs.compile("dap_basic.c").toString(), "stopOnEntry", true));
            assertEquals("entry", c.stopped(m).get("reason").getAsString());
        }
    }

    @Test
    void initializedFollowsTheInitializeResponse() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject caps = c.initialize();
            assertTrue(caps.get("supportsConfigurationDoneRequest").getAsBoolean());
            assertTrue(caps.get("supportsDisassembleRequest").getAsBoolean());
            c.event("initialized");
            List<JsonObject> all = c.messages();
            int response = -1, initialized = -1;
            for (int i = 0; i < all.size(); i++) {
                JsonObject m = all.get(i);
                if (m.get("type").getAsString().equals("response") && response < 0) response = i;
                if (m.has("event") && m.get("event").getAsString().equals("initialized")) initialized = i;
            }
            assertTrue(response >= 0 && response < initialized, "initialized after the response");
        }
    }
}
