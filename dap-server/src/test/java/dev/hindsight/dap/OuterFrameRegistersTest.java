package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Gdb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Registers scope of an outer frame (main, stopped in square) holds what gdb's {@code frame 1} then
 * {@code info registers} shows: the caller's rsp is where it was at the call (the CFA of the frame below),
 * not the caller's own CFA. Checked at square's first instruction (the CFA is rsp+8) and after its prologue
 * (the CFA is rbp+16).
 */
@Timeout(180)
class OuterFrameRegistersTest {
    /** What an unwound frame knows: the pc, the stack and frame pointers and the callee-saved registers. */
    private static final List<String> UNWOUND = List.of("rip", "rsp", "rbp", "rbx", "r12", "r13", "r14", "r15");

    @ParameterizedTest
    @ValueSource(strings = {"*square", "square"})
    void mainsRegistersInTheRegistersScopeAreGdbs(String breakAt) {
        Map<String, Long> gdb = Gdb.frameRegisters(StopStateTest.program(), StopStateTest.ENV, StopStateTest.program().getParent(),
                breakAt, 1, UNWOUND);
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = c.launch(StopStateTest.launch(true)).get("threadId").getAsInt();
            c.request("setInstructionBreakpoints", Map.of("breakpoints",
                    List.of(Map.of("instructionReference", "0x" + Long.toHexString(gdb.get("pc0"))))));
            c.continueToStop(tid);
            JsonObject main = c.frames(tid).get(1).getAsJsonObject();
            assertEquals("main", main.get("name").getAsString());
            Map<String, JsonObject> shown = c.variables(c.scope(main.get("id").getAsInt(), "Registers"));
            for (String r : List.of("rip", "rsp", "rbp")) assertTrue(shown.containsKey(r), r + " is shown: " + shown.keySet());
            for (String r : UNWOUND) {
                if (!shown.containsKey(r)) continue;
                assertEquals("0x" + Long.toHexString(gdb.get(r)), shown.get(r).get("value").getAsString(),
                        r + " of main (gdb's frame 1: " + gdb + ")");
            }
        }
    }
}
