package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Programs;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An error always answers the request's own seq, whatever the order of the message's keys (VS Code
 * writes seq last) and whatever is wrong with its arguments; a client waiting for it gets it.
 */
@Timeout(120)
class ErrorSeqTest {
    /** Request texts with broken arguments: seq after arguments in every one, by command. */
    private static final String[][] BROKEN = {
        // a wrong type, with the type key first (LSP4J stopped at the argument and answered seq 0)
        {"next", "{\"type\":\"request\",\"command\":\"next\",\"arguments\":{\"threadId\":\"one\"},\"seq\":%d}"},
        // VS Code's order
        {"stackTrace", "{\"command\":\"stackTrace\",\"arguments\":{\"threadId\":{\"x\":1}},\"type\":\"request\",\"seq\":%d}"},
        // a malformed nested value
        {"setBreakpoints", "{\"type\":\"request\",\"command\":\"setBreakpoints\",\"arguments\":{\"source\":{\"path\":[\"x.c\"]},"
                + "\"breakpoints\":[{\"line\":\"three\"}]},\"seq\":%d}"},
        // arguments of the wrong kind altogether
        {"scopes", "{\"type\":\"request\",\"command\":\"scopes\",\"arguments\":\"frame 1\",\"seq\":%d}"},
        {"variables", "{\"type\":\"request\",\"command\":\"variables\",\"arguments\":[1, 2],\"seq\":%d}"},
        // a syntax error inside the arguments
        {"evaluate", "{\"type\":\"request\",\"command\":\"evaluate\",\"arguments\":{\"expression\": },\"seq\":%d}"},
        // required fields missing
        {"readMemory", "{\"type\":\"request\",\"command\":\"readMemory\",\"arguments\":{},\"seq\":%d}"},
        {"setBreakpoints", "{\"command\":\"setBreakpoints\",\"type\":\"request\",\"seq\":%d}"},
        // the launch configuration is a map: its attributes' types are checked by the handler
        {"launch", "{\"type\":\"request\",\"command\":\"launch\",\"arguments\":{\"program\":\"/bin/true\",\"args\":{\"a\":1}},\"seq\":%d}"},
        // the seq as a string, as gson reads it too
        {"next", "{\"type\":\"request\",\"command\":\"next\",\"arguments\":{\"threadId\":[]},\"seq\":\"%d\"}"},
    };

    @Test
    void everyBrokenRequestGetsItsErrorUnderItsOwnSeq() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", Programs.compile("dap_basic.c").toString(), "stopOnEntry", true));
            int seq = 500;
            for (String[] broken : BROKEN) {
                c.sendRaw(String.format(broken[1], seq));
                JsonObject r = c.response(seq);
                assertFalse(r.get("success").getAsBoolean(), r.toString());
                assertEquals(broken[0], r.get("command").getAsString(), r.toString());
                assertTrue(r.get("message").getAsString().length() > 10, r.toString());
                seq++;
            }
            assertTrue(c.messages().stream().noneMatch(m -> m.has("request_seq") && m.get("request_seq").getAsInt() == 0),
                    "nothing answered request 0");
            assertTrue(c.request("threads", null).has("threads"), "the session goes on");
        }
    }

    @Test
    void aCancelledRequestIsKnownByItsTopLevelSeqNotByOneInItsArguments() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.initialize();
            c.sendRaw("{\"command\":\"cancel\",\"arguments\":{\"requestId\":700},\"type\":\"request\",\"seq\":699}");
            // gson ignores the unknown "seq" argument; the cancel must not
            c.sendRaw("{\"command\":\"threads\",\"arguments\":{\"seq\":5},\"type\":\"request\",\"seq\":700}");
            JsonObject r = c.response(700);
            assertFalse(r.get("success").getAsBoolean(), r.toString());
            assertTrue(r.get("message").getAsString().contains("cancelled"), r.toString());
        }
    }

    @Test
    void theArgumentAtFaultIsNamed() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.initialize();
            c.sendRaw("{\"type\":\"request\",\"command\":\"stackTrace\",\"arguments\":{\"threadId\":{\"x\":1}},\"seq\":600}");
            String message = c.response(600).get("message").getAsString();
            assertTrue(message.contains("stackTrace") && message.contains("threadId"), message);
            assertFalse(message.contains("\n"), "one line, without gson's troubleshooting link: " + message);
        }
    }
}
