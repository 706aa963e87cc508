package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Eventually;
import dev.hindsight.dap.testing.Gdb;
import dev.hindsight.dap.testing.Programs;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The custom stopState request: one answer with what the standard requests would have given. */
@Timeout(180)
class StopStateTest {
    static final String BASIC = "dap_basic.c";
    /**
     * Built and run as the lockstep tests do, so gdb's run of the same binary has the same registers:
     * no stack protector and no lazy binding (their per-run random values would reach registers),
     * exactly this environment, the binary's directory.
     */
    static final List<String> FLAGS = List.of("-fno-stack-protector", "-Wl,-z,now");
    static final Map<String, String> ENV = Map.of("HINDSIGHT_STOPSTATE", "1", "LANG", "C", "PATH", "/usr/bin:/bin");
    /** The EFLAGS bits as Intel's SDM (vol. 1, 3.4.3) names them: the status flags, TF, IF and DF. */
    static final Map<String, Integer> INTEL_EFLAGS = new LinkedHashMap<>();

    static {
        for (Object[] f : new Object[][] {{"CF", 0}, {"PF", 2}, {"AF", 4}, {"ZF", 6}, {"SF", 7}, {"TF", 8}, {"IF", 9},
                {"DF", 10}, {"OF", 11}}) {
            INTEL_EFLAGS.put((String) f[0], (Integer) f[1]);
        }
    }

    static Path program() {
        return Programs.compile(BASIC, FLAGS);
    }

    static Map<String, Object> launch(boolean stopOnEntry) {
        return Map.of("program", program().toString(), "stopOnEntry", stopOnEntry, "env", ENV, "cwd", program().getParent().toString());
    }

    @Test
    void sentBehindAStepItIsAnsweredAfterTheStoppedEventWithTheStandardAnswers() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(launch(true));
            int tid = entry.get("threadId").getAsInt();
            int from = c.messages().size();
            int step = c.send("stepIn", Map.of("threadId", tid, "granularity", "instruction"));
            int state = c.send("stopState", Map.of("levels", 20));
            JsonObject answer = c.response(state);
            assertTrue(answer.get("success").getAsBoolean(), answer.toString());
            assertEquals("stopState", answer.get("command").getAsString());
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
            JsonArray given = registers(body);
            int ref = registersScope(body).get("variablesReference").getAsInt();
            // The references stay valid until the program resumes, as the standard requests' would.
            JsonArray asked = c.request("variables", Map.of("variablesReference", ref)).getAsJsonArray("variables");
            assertEquals(shown(asked), shown(given)); // children get fresh references each time
            // A child reference from the combined answer is live: eflags' flags, as Intel names its bits.
            long eflags = Long.decode(value(given, "eflags").split(" ")[0]);
            JsonArray flags = c.request("variables", Map.of("variablesReference", child(given, "eflags").get("variablesReference").getAsInt()))
                    .getAsJsonArray("variables");
            List<String> names = new ArrayList<>();
            for (JsonElement f : flags) {
                String name = f.getAsJsonObject().get("name").getAsString();
                names.add(name);
                assertEquals((eflags >> INTEL_EFLAGS.get(name) & 1) == 1 ? "1" : "0", f.getAsJsonObject().get("value").getAsString(),
                        name + " in eflags 0x" + Long.toHexString(eflags));
            }
            assertEquals(List.copyOf(INTEL_EFLAGS.keySet()), names);
            assertEquals(standardTop.get("instructionPointerReference").getAsString(), value(given, "rip"));
        }
    }

    /**
     * Sent right behind a continue to a breakpoint, its stack is gdb's bt, its registers (eflags'
     * flags included) gdb's info registers, and its memory what /proc/PID/mem holds, at the same stop.
     */
    @Test
    void itsStackRegistersAndMemoryAreWhatGdbAndTheKernelSee() throws Exception {
        Gdb.Stop gdb = Gdb.stopAt(program(), ENV, program().getParent(), "square", 0);
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = c.launch(launch(true)).get("threadId").getAsInt();
            c.request("setFunctionBreakpoints", Map.of("breakpoints", List.of(Map.of("name", "square"))));
            c.send("continue", Map.of("threadId", tid));
            JsonObject body = c.request("stopState", Map.of("memory", Map.of("register", "rsp", "offset", -32, "count", 160)));
            assertEquals(tid, body.get("threadId").getAsInt());

            JsonArray frames = body.getAsJsonArray("stackFrames");
            assertEquals(gdb.frames().size(), frames.size(), "gdb's bt: " + gdb.frames() + "\nours: " + frames);
            for (int i = 0; i < frames.size(); i++) {
                JsonObject f = frames.get(i).getAsJsonObject();
                Gdb.Frame g = gdb.frames().get(i);
                assertEquals(g.name(), f.get("name").getAsString());
                assertEquals("0x" + Long.toHexString(g.pc()), f.get("instructionPointerReference").getAsString(), g.name());
                assertEquals(g.file(), f.getAsJsonObject("source").get("path").getAsString());
                assertEquals(g.line(), f.get("line").getAsInt(), g.name());
            }

            JsonArray registers = registers(body);
            for (String r : Gdb.REGISTERS) {
                assertEquals("0x" + Long.toHexString(gdb.registers().get(r)), value(registers, r).split(" ")[0], r);
            }
            JsonArray flags = c.request("variables", Map.of("variablesReference",
                    child(registers, "eflags").get("variablesReference").getAsInt())).getAsJsonArray("variables");
            TreeSet<String> set = new TreeSet<>();
            for (JsonElement f : flags) {
                if (f.getAsJsonObject().get("value").getAsString().equals("1")) set.add(f.getAsJsonObject().get("name").getAsString());
            }
            TreeSet<String> gdbSet = new TreeSet<>(gdb.eflags());
            gdbSet.retainAll(INTEL_EFLAGS.keySet());
            assertEquals(gdbSet, set, "the flags gdb lists in " + gdb.eflags());

            JsonObject memory = body.getAsJsonObject("memory");
            long address = gdb.registers().get("rsp") - 32;
            assertEquals("0x" + Long.toHexString(address), memory.get("address").getAsString());
            byte[] bytes = Base64.getDecoder().decode(memory.get("data").getAsString());
            assertEquals(160, bytes.length);
            assertArrayEquals(procMem(tid, address, 160), bytes, "the bytes /proc/" + tid + "/mem holds");
        }
    }

    /** Memory of a stopped process as the kernel gives it (the process is our child, and stopped). */
    static byte[] procMem(int pid, long address, int count) throws java.io.IOException {
        try (FileChannel mem = FileChannel.open(Path.of("/proc/" + pid + "/mem"))) {
            ByteBuffer b = ByteBuffer.allocate(count);
            while (b.hasRemaining() && mem.read(b, address + b.position()) > 0) { }
            return b.array();
        }
    }

    @Test
    void memoryAroundARegisterIsWhatReadMemoryAnswers() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(Map.of("program", Programs.compile(BASIC).toString(), "stopOnEntry", true));
            JsonObject body = c.request("stopState", Map.of("memory", Map.of("register", "rsp", "offset", -32, "count", 160)));
            String rsp = value(registers(body), "rsp");
            JsonObject asked = c.request("readMemory", Map.of("memoryReference", rsp, "offset", -32, "count", 160));
            assertEquals(asked, body.getAsJsonObject("memory"));
            assertTrue(c.error("stopState", Map.of("memory", Map.of("register", "nope", "count", 8))).contains("register"));
            assertEquals(entry.get("threadId").getAsInt(), c.request("stopState", Map.of()).get("threadId").getAsInt());
        }
    }

    @Test
    void whenStoppedItAnswersAtOnceAndAfterTheEndItFails() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(Map.of("program", Programs.compile(BASIC).toString(), "stopOnEntry", true));
            JsonObject body = c.request("stopState", Map.of());
            assertEquals(entry.get("threadId").getAsInt(), body.get("threadId").getAsInt());
            assertFalse(body.getAsJsonArray("stackFrames").isEmpty());
            c.request("continue", Map.of("threadId", entry.get("threadId").getAsInt()));
            c.event("terminated");
            assertTrue(c.error("stopState", Map.of()).contains("ended"));
        }
    }

    /** The README: sent right behind a continue, "if the program ends first, with an error". */
    @Test
    void sentBehindAContinueToTheEndItFailsWhenTheProgramEnds() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(Map.of("program", Programs.compile(BASIC).toString(), "stopOnEntry", true));
            int m = c.mark();
            int resume = c.send("continue", Map.of("threadId", entry.get("threadId").getAsInt()));
            int state = c.send("stopState", Map.of());
            JsonObject r = c.response(state);
            assertEquals(state, r.get("request_seq").getAsInt());
            assertEquals("stopState", r.get("command").getAsString());
            assertFalse(r.get("success").getAsBoolean(), r.toString());
            assertTrue(r.get("message").getAsString().contains("ended"), r.toString());
            assertTrue(c.response(resume).get("success").getAsBoolean());
            assertEquals(3, c.event("exited", m, e -> true).getAsJsonObject("body").get("exitCode").getAsInt());
            assertTrue(c.events().subList(m, c.events().size()).stream().noneMatch(e -> e.get("event").getAsString().equals("stopped")),
                    "the program ran to its end: " + c.eventNames());
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

    private static JsonObject registersScope(JsonObject body) {
        for (JsonElement s : body.getAsJsonArray("scopes")) {
            if ("Registers".equals(s.getAsJsonObject().get("name").getAsString())) return s.getAsJsonObject();
        }
        throw new AssertionError("no Registers scope: " + body);
    }

    /** The Registers scope's variables, as the answer gives them. */
    private static JsonArray registers(JsonObject body) {
        int ref = registersScope(body).get("variablesReference").getAsInt();
        JsonArray given = body.getAsJsonObject("variables").getAsJsonArray(String.valueOf(ref));
        assertTrue(given != null, "the Registers scope's variables are in the answer: " + body);
        return given;
    }

    private static List<String> shown(JsonArray variables) {
        List<String> out = new ArrayList<>();
        for (JsonElement v : variables) out.add(v.getAsJsonObject().get("name").getAsString() + "=" + v.getAsJsonObject().get("value").getAsString());
        return out;
    }

    private static JsonObject child(JsonArray variables, String name) {
        for (JsonElement v : variables) {
            if (name.equals(v.getAsJsonObject().get("name").getAsString())) return v.getAsJsonObject();
        }
        throw new AssertionError("no " + name + " in " + variables);
    }

    private static String value(JsonArray variables, String name) {
        return child(variables, name).get("value").getAsString();
    }
}
