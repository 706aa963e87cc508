package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Return value" scope after stepping out of a function that returns a structure with a
 * structure member ({@code struct nested { struct { float x, y; } p; double d; }}, its eightbytes
 * in xmm0 and xmm1): the raw rax and xmm0, then the typed value, as gdb's {@code finish} prints
 * it, its members expandable.
 */
class ReturnValueScopeTest {
    /** The tracer's fixture (the MI lockstep tests use it too), built here as Programs builds the DAP ones. */
    private static Path compile(Path dir) throws Exception {
        Path source = Path.of("../tracer/src/test/resources/programs/return_aggregates.c").toAbsolutePath().normalize();
        Path exe = dir.resolve("return_aggregates");
        Process cc = new ProcessBuilder("clang", "-g", "-O0", "-o", exe.toString(), source.toString()).inheritIO().start();
        assertEquals(0, cc.waitFor(), "clang " + source);
        return exe;
    }

    /** What gdb's {@code finish} out of {@code function} says it returned. */
    private static String gdbFinish(Path program, String function) throws Exception {
        Process gdb = new ProcessBuilder("gdb", "-batch", "-nx", "-ex", "set startup-with-shell off", "-ex", "break " + function,
                "-ex", "run", "-ex", "finish", program.toString()).redirectErrorStream(true).start();
        String out = new String(gdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        gdb.waitFor();
        Matcher m = Pattern.compile("Value returned is \\$1 = (.*)").matcher(out);
        assertTrue(m.find(), "gdb's finish: " + out);
        return m.group(1).strip();
    }

    @Test
    void stepOutOfAFunctionReturningANestedStructureShowsItTypedAsGdbDoes(@TempDir Path tmp) throws Exception {
        Path program = compile(tmp); // in JUnit's temporary directory, removed after the test
        String expected = gdbFinish(program, "make_nested");
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(Map.of("program", program.toString(), "stopOnEntry", true));
            int tid = entry.get("threadId").getAsInt();
            c.request("setFunctionBreakpoints", Map.of("breakpoints", List.of(Map.of("name", "make_nested"))));
            c.continueToStop(tid);
            c.step("stepOut", tid, null);
            int frame = c.topFrame(tid).get("id").getAsInt();
            JsonObject scope = c.request("scopes", Map.of("frameId", frame)).getAsJsonArray("scopes").get(0).getAsJsonObject();
            assertEquals("Return value", scope.get("name").getAsString());
            Map<String, JsonObject> rv = c.variables(scope.get("variablesReference").getAsInt());
            JsonObject value = rv.get("make_nested");
            assertTrue(value != null, rv.toString());
            assertEquals(expected, value.get("value").getAsString());
            assertEquals("struct nested", value.get("type").getAsString());
            Map<String, JsonObject> members = c.variables(value.get("variablesReference").getAsInt());
            assertEquals(List.of("p", "d"), List.copyOf(members.keySet()));
            Map<String, JsonObject> p = c.variables(members.get("p").get("variablesReference").getAsInt());
            // gdb's {p = {x = 3, y = 6}, d = 0.75}: the members as the whole shows them
            assertEquals(expected, "{p = {x = " + p.get("x").get("value").getAsString() + ", y = "
                    + p.get("y").get("value").getAsString() + "}, d = " + members.get("d").get("value").getAsString() + "}");
            assertEquals(List.of("make_nested (rax)", "make_nested (xmm0)", "make_nested"), List.copyOf(rv.keySet()));
        }
    }
}
