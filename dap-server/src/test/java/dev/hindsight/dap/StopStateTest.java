package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Eventually;
import dev.hindsight.dap.testing.Programs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The custom stopState request: one answer with what the standard requests would have given. */
@Timeout(120)
class StopStateTest {
    @Test
    void sentBehindAStepItIsAnsweredAfterTheStoppedEventWithTheStandardAnswers() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(Map.of("program", Programs.compile("dap_basic.c").toString(), "stopOnEntry", true));
            int tid = entry.get("threadId").getAsInt();
            int from = c.messages().size();
            int step = c.send("stepIn", Map.of("threadId", tid, "granularity", "instruction"));
            int state = c.send("stopState", Map.of("levels", 20));
            JsonObject answer = c.response(state);
            assertTrue(answer.get("success").getAsBoolean(), answer.toString());
            List<JsonObject> seen = c.messages(); // one copy: more may arrive while we look
            List<String> order = seen.subList(from, seen.size()).stream()
                    .map(m -> m.has("event") ? m.get("event").getAsString() : m.get("command").getAsString()).toList();
            assertEquals(List.of("stepIn", "stopped", "stopState"), order.subList(0, 3), "at its stop, not before: " + order);
            assertEquals(step, seen.get(from).get("request_seq").getAsInt());

            JsonObject body = answer.getAsJsonObject("body");
            assertEquals(tid, body.get("threadId").getAsInt());
            JsonObject standardTop = c.topFrame(tid);
            JsonObject top = body.getAsJsonArray("stackFrames").get(0).getAsJsonObject();
            assertEquals(standardTop.get("instructionPointerReference"), top.get("instructionPointerReference"));
            assertEquals(standardTop.get("line"), top.get("line"));
            JsonObject registers = null;
            for (JsonElement s : body.getAsJsonArray("scopes")) {
                if ("Registers".equals(s.getAsJsonObject().get("name").getAsString())) registers = s.getAsJsonObject();
            }
            assertTrue(registers != null, body.toString());
            int ref = registers.get("variablesReference").getAsInt();
            JsonArray given = body.getAsJsonObject("variables").getAsJsonArray(String.valueOf(ref));
            // The references stay valid until the program resumes, as the standard requests' would.
            JsonArray asked = c.request("variables", Map.of("variablesReference", ref)).getAsJsonArray("variables");
            assertEquals(shown(asked), shown(given)); // children get fresh references each time
            int eflags = c.request("variables", Map.of("variablesReference", childRef(given, "eflags"))).getAsJsonArray("variables").size();
            assertEquals(9, eflags, "a child reference from the combined answer is live");
            assertTrue(given.toString().contains("\"rip\""));
            assertEquals(standardTop.get("instructionPointerReference").getAsString(), value(given, "rip"));
        }
    }

    @Test
    void memoryAroundARegisterIsWhatReadMemoryAnswers() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(Map.of("program", Programs.compile("dap_basic.c").toString(), "stopOnEntry", true));
            JsonObject body = c.request("stopState", Map.of("memory", Map.of("register", "rsp", "offset", -32, "count", 160)));
            String rsp = null;
            for (JsonElement v : body.getAsJsonObject("variables").entrySet().stream()
                    .flatMap(e -> java.util.stream.StreamSupport.stream(e.getValue().getAsJsonArray().spliterator(), false)).toList()) {
                if ("rsp".equals(v.getAsJsonObject().get("name").getAsString())) rsp = v.getAsJsonObject().get("value").getAsString();
            }
            JsonObject asked = c.request("readMemory", Map.of("memoryReference", rsp, "offset", -32, "count", 160));
            assertEquals(asked, body.getAsJsonObject("memory"));
            assertTrue(c.error("stopState", Map.of("memory", Map.of("register", "nope", "count", 8))).contains("register"));
            assertEquals(entry.get("threadId").getAsInt(), c.request("stopState", Map.of()).get("threadId").getAsInt());
        }
    }

    @Test
    void whenStoppedItAnswersAtOnceAndAfterTheEndItFails() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(Map.of("program", Programs.compile("dap_basic.c").toString(), "stopOnEntry", true));
            JsonObject body = c.request("stopState", Map.of());
            assertEquals(entry.get("threadId").getAsInt(), body.get("threadId").getAsInt());
            assertFalse(body.getAsJsonArray("stackFrames").isEmpty());
            c.request("continue", Map.of("threadId", entry.get("threadId").getAsInt()));
            c.event("terminated");
            assertTrue(c.error("stopState", Map.of()).contains("ended"));
        }
    }

    @Test
    void aWaitingOneEndsWithItsClientWhenAnotherTakesOver() {
        DapSession session = DapSession.create(DapSessionOptions.defaults());
        try {
            DapTestClient old = new DapTestClient() {
                {
                    wire(session::receive, () -> { });
                }
            };
            session.connect(old::onMessage);
            JsonObject entry = old.launch(Map.of("program", Programs.compile("dap_endless.c").toString(), "stopOnEntry", true));
            int tid = entry.get("threadId").getAsInt();
            old.request("continue", Map.of("threadId", tid));
            int waiting = old.send("stopState", Map.of());
            List<String> fresh = new java.util.concurrent.CopyOnWriteArrayList<>();
            session.connect(fresh::add);
            JsonObject r = old.response(waiting);
            assertFalse(r.get("success").getAsBoolean());
            assertTrue(r.get("message").getAsString().contains("another client"), r.toString());
            session.receive("{\"seq\":1,\"type\":\"request\",\"command\":\"pause\",\"arguments\":{\"threadId\":" + tid + "}}");
            Eventually.holds("the new client to see the pause's stop", () -> fresh.stream().anyMatch(m -> m.contains("\"stopped\"")));
            // A stale answer would leave with the stopped event; a later request's answer comes after it.
            session.receive("{\"seq\":2,\"type\":\"request\",\"command\":\"threads\"}");
            Eventually.holds("the answer to threads", () -> fresh.stream().anyMatch(m -> m.contains("\"request_seq\":2")));
            assertFalse(fresh.stream().anyMatch(m -> m.contains("\"stopState\"")), "no stale answer reaches the new client: " + fresh);
        } finally {
            session.close();
        }
    }

    private static List<String> shown(JsonArray variables) {
        List<String> out = new java.util.ArrayList<>();
        for (JsonElement v : variables) out.add(v.getAsJsonObject().get("name").getAsString() + "=" + v.getAsJsonObject().get("value").getAsString());
        return out;
    }

    private static int childRef(JsonArray variables, String name) {
        for (JsonElement v : variables) {
            if (name.equals(v.getAsJsonObject().get("name").getAsString())) return v.getAsJsonObject().get("variablesReference").getAsInt();
        }
        return 0;
    }

    private static String value(JsonArray variables, String name) {
        for (JsonElement v : variables) {
            if (name.equals(v.getAsJsonObject().get("name").getAsString())) return v.getAsJsonObject().get("value").getAsString();
        }
        return null;
    }
}
