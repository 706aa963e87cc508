package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Programs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client looking at a thread other than the one that stopped (as every DAP client's thread list
 * allows) sees that thread's stack, locals, thread-local variables and registers.
 */
@Timeout(120)
class ThreadValuesTest {
    static final String PROGRAM = "dap_thread_values.c";

    @Test
    void stackScopesAndVariablesOfANonCurrentThread() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(Map.of("program", Programs.compile(PROGRAM).toString(), "stopOnEntry", true));
            int main = entry.get("threadId").getAsInt();
            c.request("setBreakpoints", Map.of("source", Map.of("path", Programs.source(PROGRAM).toString()),
                    "breakpoints", List.of(Map.of("line", Programs.line(PROGRAM, "main stops")))));
            assertEquals(main, c.continueToStop(main).get("threadId").getAsInt());
            int worker = otherThread(c, main);

            JsonObject spin = c.topFrame(worker);
            assertEquals("spin", spin.get("name").getAsString());
            int spinId = spin.get("id").getAsInt();
            Map<String, JsonObject> locals = c.variables(c.scope(spinId, "Locals"));
            assertEquals("3", locals.get("calls").get("value").getAsString(), "static __thread of the worker");
            assertEquals("22", locals.get("k").get("value").getAsString());
            assertEquals("3", c.variables(c.scope(spinId, "Arguments")).get("id").get("value").getAsString());
            assertEquals("300", eval(c, spinId, "tls_counter"));
            assertEquals("worker", c.frames(worker).get(1).getAsJsonObject().get("name").getAsString());

            int mainId = c.topFrame(main).get("id").getAsInt();
            assertEquals("42", c.variables(c.scope(mainId, "Locals")).get("k").get("value").getAsString());
            assertEquals("5", eval(c, mainId, "tls_counter"));
            assertNotEquals(register(c, spinId, "fs_base"), register(c, mainId, "fs_base"));
            assertEquals(spin.get("instructionPointerReference").getAsString(),
                    "0x" + Long.toHexString(Long.decode(register(c, spinId, "rip"))));
            assertEquals(Long.decode(register(c, spinId, "rsp")), Long.parseLong(eval(c, spinId, "$rsp").split(" ")[0].replace("0x", ""), 16));

            // A write through the worker's frame lands in the worker's variable.
            c.request("setVariable", Map.of("variablesReference", c.scope(spinId, "Locals"), "name", "k", "value", "5"));
            assertEquals("5", eval(c, spinId, "k"));
            assertEquals("42", eval(c, mainId, "k"));
        }
    }

    private static int otherThread(DapTestClient c, int main) {
        List<Integer> others = new ArrayList<>();
        for (JsonElement t : c.request("threads", null).getAsJsonArray("threads")) {
            int id = t.getAsJsonObject().get("id").getAsInt();
            if (id != main) others.add(id);
        }
        assertEquals(1, others.size(), others.toString());
        return others.get(0);
    }

    private static String eval(DapTestClient c, int frameId, String expression) {
        return c.request("evaluate", Map.of("expression", expression, "frameId", frameId, "context", "watch"))
                .get("result").getAsString();
    }

    private static String register(DapTestClient c, int frameId, String name) {
        return c.variables(c.scope(frameId, "Registers")).get(name).get("value").getAsString();
    }
}
