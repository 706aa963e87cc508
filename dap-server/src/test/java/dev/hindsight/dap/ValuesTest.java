package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Programs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Variables, expressions and value-driven breakpoints through the engine's values API. */
@Timeout(120)
class ValuesTest {
    static final String BASIC = "dap_basic.c";

    /** Stopped at {@code marker} in dap_basic.c on the hit the condition selects; returns the thread. */
    static int stopAt(DapTestClient c, String marker, String condition) {
        JsonObject entry = c.launch(Map.of("program", Programs.compile(BASIC).toString(), "stopOnEntry", true));
        int tid = entry.get("threadId").getAsInt();
        Map<String, Object> bp = condition == null ? Map.of("line", Programs.line(BASIC, marker))
                : Map.of("line", Programs.line(BASIC, marker), "condition", condition);
        c.request("setBreakpoints", Map.of("source", Map.of("path", Programs.source(BASIC).toString()), "breakpoints", List.of(bp)));
        c.continueToStop(tid);
        return tid;
    }

    @Test
    void localsArgumentsAndGlobals() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = stopAt(c, "square_return", null);
            int square = c.topFrame(tid).get("id").getAsInt();
            assertEquals("0", c.variables(c.scope(square, "Arguments")).get("x").get("value").getAsString());
            assertEquals("int", c.variables(c.scope(square, "Arguments")).get("x").get("type").getAsString());
            assertEquals("0", c.variables(c.scope(square, "Locals")).get("result").get("value").getAsString());
            Map<String, JsonObject> globals = c.variables(c.scope(square, "Globals"));
            assertTrue(globals.containsKey("counter") && globals.containsKey("watched"), globals.keySet().toString());
            assertEquals("0x" + Long.toHexString(Programs.symbol(BASIC, "counter")), globals.get("counter").get("memoryReference").getAsString());
            int main = c.frames(tid).get(1).getAsJsonObject().get("id").getAsInt();
            Map<String, JsonObject> locals = c.variables(c.scope(main, "Locals"));
            assertEquals("3", c.variables(locals.get("p").get("variablesReference").getAsInt()).get("x").get("value").getAsString());
            assertEquals(2, locals.get("p").get("namedVariables").getAsInt());
            assertEquals(40, locals.get("numbers").get("indexedVariables").getAsInt());
        }
    }

    @Test
    void arrayChildrenPageAndFormatInHex() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = stopAt(c, "print", null);
            int main = c.topFrame(tid).get("id").getAsInt();
            int numbers = c.variables(c.scope(main, "Locals")).get("numbers").get("variablesReference").getAsInt();
            JsonArray page = c.request("variables", Map.of("variablesReference", numbers, "start", 30, "count", 5,
                    "filter", "indexed")).getAsJsonArray("variables");
            assertEquals(5, page.size());
            assertEquals("[30]", page.get(0).getAsJsonObject().get("name").getAsString());
            assertEquals("60", page.get(0).getAsJsonObject().get("value").getAsString());
            JsonArray hex = c.request("variables", Map.of("variablesReference", numbers, "start", 39, "count", 1,
                    "format", Map.of("hex", true))).getAsJsonArray("variables");
            assertEquals("0x4e", hex.get(0).getAsJsonObject().get("value").getAsString());
        }
    }

    @Test
    void evaluateForWatchHoverAndRepl() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = stopAt(c, "print", null);
            int main = c.topFrame(tid).get("id").getAsInt();
            assertEquals("30", eval(c, main, "total", "watch"));
            assertEquals("7", eval(c, main, "p.x + p.y", "hover"));
            assertEquals("1", eval(c, main, "numbers[3] == 6", "repl"));
            assertEquals("39", eval(c, main, "(char) 39", "repl").split(" ")[0]);
            JsonObject p = c.request("evaluate", Map.of("expression", "p", "frameId", main, "context", "watch"));
            assertTrue(p.get("variablesReference").getAsInt() > 0);
            String error = c.error("evaluate", Map.of("expression", "no_such_variable + 1", "frameId", main, "context", "repl"));
            assertTrue(error.contains("no_such_variable"), error);
        }
    }

    private static String eval(DapTestClient c, int frame, String expression, String context) {
        return c.request("evaluate", Map.of("expression", expression, "frameId", frame, "context", context)).get("result").getAsString();
    }

    @Test
    void setVariableWritesALocal() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = stopAt(c, "print", null);
            int main = c.topFrame(tid).get("id").getAsInt();
            int locals = c.scope(main, "Locals");
            assertEquals("100", c.request("setVariable", Map.of("variablesReference", locals, "name", "total", "value", "100"))
                    .get("value").getAsString());
            int m = c.mark();
            c.request("continue", Map.of("threadId", tid));
            c.event("exited", m, e -> true);
            assertTrue(c.output("stdout").startsWith("total=100 "), c.output("stdout"));
        }
    }

    @Test
    void setExpressionWritesWhatAWatchNames() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = stopAt(c, "print", null);
            int main = c.topFrame(tid).get("id").getAsInt();
            JsonObject r = c.request("setExpression", Map.of("expression", "p.y", "value", "40", "frameId", main));
            assertEquals("40", r.get("value").getAsString());
            assertEquals("int", r.get("type").getAsString());
            assertEquals("43", eval(c, main, "p.x + p.y", "watch"));
            assertTrue(c.error("setExpression", Map.of("expression", "p.x + 1", "value", "2", "frameId", main)).contains("cannot"));
        }
    }

    @Test
    void conditionalBreakpointsStopOnlyWhenTrue() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = stopAt(c, "square_body", "x == 3");
            int frame = c.topFrame(tid).get("id").getAsInt();
            assertEquals("3", c.variables(c.scope(frame, "Arguments")).get("x").get("value").getAsString());
        }
    }

    @Test
    void logPointsInterpolateExpressions() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(Map.of("program", Programs.compile(BASIC).toString(), "stopOnEntry", true));
            int tid = entry.get("threadId").getAsInt();
            c.request("setBreakpoints", Map.of("source", Map.of("path", Programs.source(BASIC).toString()), "breakpoints",
                    List.of(Map.of("line", Programs.line(BASIC, "square_return"), "logMessage", "square({x}) = {result}"))));
            int m = c.mark();
            c.request("continue", Map.of("threadId", tid));
            c.event("exited", m, e -> true);
            String console = String.join("", c.events().stream().filter(e -> e.get("event").getAsString().equals("output"))
                    .map(e -> e.getAsJsonObject("body").get("output").getAsString()).toList());
            assertTrue(console.contains("square(0) = 0\nsquare(1) = 1\nsquare(2) = 4\nsquare(3) = 9\nsquare(4) = 16\n"), console);
        }
    }

    @Test
    void dataBreakpointOnAVariable() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = stopAt(c, "loop_call", null);
            int frame = c.topFrame(tid).get("id").getAsInt();
            int globals = c.scope(frame, "Globals");
            JsonObject info = c.request("dataBreakpointInfo", Map.of("variablesReference", globals, "name", "counter"));
            assertTrue(info.get("dataId").getAsString().endsWith("/4"), info.toString());
            c.request("setBreakpoints", Map.of("source", Map.of("path", Programs.source(BASIC).toString()), "breakpoints", List.of()));
            c.request("setDataBreakpoints", Map.of("breakpoints", List.of(Map.of("dataId", info.get("dataId").getAsString()))));
            JsonObject stop = c.continueToStop(tid);
            assertEquals("data breakpoint", stop.get("reason").getAsString());
            int f = c.topFrame(tid).get("id").getAsInt();
            assertEquals("1", c.request("evaluate", Map.of("expression", "counter", "frameId", f)).get("result").getAsString());
        }
    }
}
