package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Programs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stepping as tables: from a start, each request and where it must land (function, marker line). */
@Timeout(120)
class SteppingTest {
    static final String BASIC = "dap_basic.c";

    /** One step: the request, its granularity (null: default), and the expected function and marker. */
    record Step(String command, String granularity, String function, String marker) {}

    /** Launches dap_basic.c and stops at the first instruction of the loop's call line; returns the thread. */
    private static int atLoopCall(DapTestClient c) {
        return atLoopCall(c, "1");
    }

    /** The same at the {@code hit}th time the loop's call line is reached (square(hit - 1) is next). */
    private static int atLoopCall(DapTestClient c, String hit) {
        JsonObject entry = c.launch(Map.of("program", Programs.compile(BASIC).toString(), "stopOnEntry", true));
        int tid = entry.get("threadId").getAsInt();
        Map<String, Object> source = Map.of("path", Programs.source(BASIC).toString());
        c.request("setBreakpoints", Map.of("source", source, "breakpoints",
                List.of(Map.of("line", Programs.line(BASIC, "loop_call"), "hitCondition", hit))));
        c.continueToStop(tid);
        c.request("setBreakpoints", Map.of("source", source, "breakpoints", List.of()));
        return tid;
    }

    private static void run(List<Step> table) {
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = atLoopCall(c);
            for (Step s : table) {
                JsonObject stop = c.step(s.command(), tid, s.granularity());
                assertEquals("step", stop.get("reason").getAsString(), s.toString());
                JsonObject top = c.topFrame(tid);
                assertEquals(s.function(), top.get("name").getAsString(), s.toString());
                assertEquals(Programs.line(BASIC, s.marker()), top.get("line").getAsInt(), s.toString());
            }
        }
    }

    @Test
    void nextStaysInMain() {
        run(List.of(
                new Step("next", null, "main", "loop_counter"),
                new Step("next", "line", "main", "loop_watched"),
                new Step("next", "statement", "main", "loop_head"),
                new Step("next", null, "main", "loop_call")));
    }

    @Test
    void stepInEntersSquareAndStepOutReturns() {
        run(List.of(
                new Step("stepIn", null, "square", "square_body"),
                new Step("next", null, "square", "square_return"),
                new Step("stepOut", null, "main", "loop_call")));
    }

    @Test
    void instructionStepsMoveByOneInstruction() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(Map.of("program", Programs.compile(BASIC).toString(), "stopOnEntry", true));
            int tid = entry.get("threadId").getAsInt();
            String before = c.topFrame(tid).get("instructionPointerReference").getAsString();
            JsonObject insn = c.request("disassemble", Map.of("memoryReference", before, "instructionCount", 2))
                    .getAsJsonArray("instructions").get(1).getAsJsonObject();
            c.step("stepIn", tid, "instruction");
            assertEquals(insn.get("address").getAsString(), c.topFrame(tid).get("instructionPointerReference").getAsString());
            c.step("next", tid, "instruction");
            assertNotEquals(insn.get("address").getAsString(), c.topFrame(tid).get("instructionPointerReference").getAsString());
        }
    }

    /** It runs the call: square(3)'s result is in rax afterwards, the stack as before the call. */
    @Test
    void nextInstructionStepsOverACall() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = atLoopCall(c, "4");
            // From the line's first instruction to its call of square, by instruction steps.
            for (int i = 0; i < 20; i++) {
                String ip = c.topFrame(tid).get("instructionPointerReference").getAsString();
                JsonObject in = c.request("disassemble", Map.of("memoryReference", ip, "instructionCount", 1))
                        .getAsJsonArray("instructions").get(0).getAsJsonObject();
                if (in.get("instruction").getAsString().startsWith("call")) {
                    assertTrue(in.get("instruction").getAsString().contains("square"), in.toString());
                    assertEquals("0x3", register(c, tid, "rdi"), "the argument of square(3)");
                    String rsp = register(c, tid, "rsp");
                    c.step("next", tid, "instruction");
                    assertEquals("0x9", register(c, tid, "rax"), "square(3) ran and returned 9");
                    assertEquals(rsp, register(c, tid, "rsp"), "and returned to this frame");
                    JsonObject top = c.topFrame(tid);
                    assertEquals("main", top.get("name").getAsString());
                    long after = Long.decode(top.get("instructionPointerReference").getAsString());
                    long length = in.get("instructionBytes").getAsString().split(" ").length;
                    assertEquals(Long.decode(ip) + length, after);
                    return;
                }
                c.step("stepIn", tid, "instruction");
            }
            throw new AssertionError("never reached the call of square");
        }
    }

    private static String register(DapTestClient c, int tid, String name) {
        return c.variables(c.scope(c.topFrame(tid).get("id").getAsInt(), "Registers")).get(name).get("value").getAsString();
    }
}
