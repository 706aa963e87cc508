package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Programs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Malformed messages, unknown requests, wrong argument types and wrong states: errors, and the session goes on. */
@Timeout(120)
class BadInputTest {
    @Test
    void malformedJsonGivesAnOutputEventAndTheSessionGoesOn() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.sendRaw("{this is not json");
            JsonObject out = c.event("output").getAsJsonObject("body");
            assertTrue(out.get("output").getAsString().contains("malformed"), out.toString());
            c.sendRaw("[1, 2, 3]");
            c.sendRaw("{\"seq\": 5, \"type\": \"banana\"}");
            assertTrue(c.initialize().get("supportsConfigurationDoneRequest").getAsBoolean());
        }
    }

    @Test
    void aRequestWithBrokenArgumentsIsAnsweredWithAnError() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.sendRaw("{\"seq\": 77, \"type\": \"request\", \"command\": \"next\", \"arguments\": {\"threadId\": \"abc\"}}");
            JsonObject r = c.response(77);
            assertFalse(r.get("success").getAsBoolean());
            assertEquals("next", r.get("command").getAsString());
            assertTrue(r.get("message").getAsString().contains("next"), r.toString());
        }
    }

    @Test
    void unknownCommandsAreRefused() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.initialize();
            assertTrue(c.error("fly", Map.of()).toLowerCase().contains("fly"));
            assertTrue(c.error("restartFrame", Map.of("frameId", 1)).contains("not supported"));
        }
    }

    @Test
    void wrongLaunchAttributeTypesNameTheAttribute() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.initialize();
            String e = c.error("launch", Map.of("program", "/bin/true", "args", "not-a-list"));
            assertTrue(e.contains("args"), e);
            assertTrue(c.error("launch", Map.of("program", "/no/such/program")).contains("no such program"));
            assertTrue(c.error("launch", Map.of()).contains("exactly one of"));
            assertTrue(c.error("launch", Map.of("program", "/bin/true", "disassemblyFlavor", "motorola")).contains("att"));
        }
    }

    @Test
    void requestsInTheWrongStateAreRefusedClearly() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.initialize();
            assertTrue(c.error("stackTrace", Map.of("threadId", 1)).contains("launch"));
            JsonObject entry = c.launch(Map.of("program", Programs.compile("dap_endless.c").toString(), "stopOnEntry", true));
            int tid = entry.get("threadId").getAsInt();
            assertTrue(c.error("next", Map.of("threadId", 999999)).contains("no thread"));
            assertTrue(c.error("variables", Map.of("variablesReference", 424242)).contains("stale"));
            assertTrue(c.error("scopes", Map.of("frameId", 424242)).contains("stale"));
            int m = c.mark();
            c.request("continue", Map.of("threadId", tid));
            c.event("continued", m, e -> true);
            assertTrue(c.error("next", Map.of("threadId", tid)).contains("running"));
            assertTrue(c.error("stackTrace", Map.of("threadId", tid)).contains("running"));
            assertTrue(c.error("launch", Map.of("program", "/bin/true")).contains("already"));
            c.request("pause", Map.of("threadId", tid));
            assertEquals("pause", c.stopped(m).get("reason").getAsString());
            assertEquals("main", c.topFrame(tid).get("name").getAsString());
        }
    }

    @Test
    void attachingToNoProcessSaysSo() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.initialize();
            String e = c.error("attach", Map.of("pid", 999_999_999));
            assertTrue(e.contains("999999999"), e);
            assertTrue(c.error("attach", Map.of()).contains("pid"));
        }
    }

    @Test
    void badMemoryReferencesAndCountsAreRefused() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", Programs.compile("dap_basic.c").toString(), "stopOnEntry", true));
            assertTrue(c.error("readMemory", Map.of("memoryReference", "main", "count", 4)).contains("not an address"));
            assertTrue(c.error("readMemory", Map.of("memoryReference", "0x1000", "count", -1)).contains("count"));
            assertTrue(c.error("disassemble", Map.of("memoryReference", "0x1000", "instructionCount", 1_000_000)).contains("instructionCount"));
            assertTrue(c.error("writeMemory", Map.of("memoryReference", "0x10", "data", "AAAA")).contains("cannot write"));
            assertTrue(c.error("writeMemory", Map.of("memoryReference", "0x10", "data", "!!!")).contains("base64"));
            assertTrue(c.error("setBreakpoints", Map.of("source", Map.of("name", "x.c"), "breakpoints", List.of())).contains("path"));
            assertTrue(c.error("setBreakpoints", Map.of("source", Map.of("path", "/x.c"),
                    "breakpoints", List.of(Map.of("line", 3, "hitCondition", "lots")))).contains("hit condition"));
        }
    }

    @Test
    void aRepeatedInitializeAnswersCapabilitiesAgain() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.initialize();
            assertTrue(c.initialize().get("supportsDataBreakpoints").getAsBoolean());
            c.event("initialized");
            assertEquals(1, c.events().stream().filter(e -> e.get("event").getAsString().equals("initialized")).count());
        }
    }

    @Test
    void attachIsRefusedWhenNotAllowed() {
        try (DapTestClient c = DapTestClient.inProcess(new DapSessionOptions(false, false, null))) {
            c.initialize();
            assertTrue(c.error("attach", Map.of("pid", 1)).contains("does not allow"));
            assertTrue(c.error("launch", Map.of("program", "/bin/true")).contains("sources"));
        }
    }
}
