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

/** restart with {@code arguments} (DAP 1.47+) starts the program again with that configuration. */
@Timeout(120)
class RestartArgumentsTest {
    @Test
    void restartUsesTheNewLaunchConfiguration() {
        String program = Programs.compile("dap_env.c").toString();
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", program, "args", List.of("first")));
            c.exited();
            assertTrue(c.output("stdout").contains("arg=first\n"));
            int m = c.mark();
            c.request("restart", Map.of("arguments", Map.of("program", program, "args", List.of("second"), "stopOnEntry", true)));
            JsonObject entry = c.stopped(m);
            assertEquals("entry", entry.get("reason").getAsString(), "the new configuration's stopOnEntry");
            c.request("continue", Map.of("threadId", entry.get("threadId").getAsInt()));
            c.event("exited", m, e -> true);
            String out = c.output("stdout");
            assertTrue(out.indexOf("arg=first\n") < out.indexOf("arg=second\n"), out);
            assertEquals(out.indexOf("arg=first"), out.lastIndexOf("arg=first"), out);
            // Without arguments: the configuration last used (stopping on entry), again.
            int again = c.mark();
            c.request("restart", null);
            assertEquals("entry", c.stopped(again).get("reason").getAsString());
        }
    }
}
