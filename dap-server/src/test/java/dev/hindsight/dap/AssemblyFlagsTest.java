package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The web UI sends its C flags with every source: an assembly compile must not warn about them. */
@Timeout(120)
class AssemblyFlagsTest {
    private static final String ASM = """
            .globl main
            main:
                mov $7, %eax
                ret
            """;

    @Test
    void assemblyLaunchedWithCFlagsGetsNoWarnings() {
        for (String name : List.of("prog.s", "prog.S")) {
            try (DapTestClient c = DapTestClient.inProcess()) {
                JsonObject entry = c.launch(Map.of("sources", List.of(Map.of("name", name, "text", ASM)),
                        "compilerArgs", List.of("-O0", "-std=c11", "-Wall"), "stopOnEntry", true));
                assertEquals("entry", entry.get("reason").getAsString());
                c.request("continue", Map.of("threadId", entry.get("threadId").getAsInt()));
                assertEquals(7, c.exited().get("exitCode").getAsInt());
                List<String> outputs = c.events().stream().filter(e -> e.get("event").getAsString().equals("output"))
                        .map(e -> e.getAsJsonObject("body").toString()).toList();
                assertTrue(outputs.stream().noneMatch(o -> o.contains("warning") || o.contains("diagnostic")),
                        name + ": " + outputs);
            }
        }
    }
}
