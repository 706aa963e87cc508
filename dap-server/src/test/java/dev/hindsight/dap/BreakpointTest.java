package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Gdb;
import dev.hindsight.dap.testing.Programs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class BreakpointTest {
    static final String BASIC = "dap_basic.c";

    static Map<String, Object> source() {
        return Map.of("path", Programs.source(BASIC).toString());
    }

    static Map<String, Object> basic(boolean stopOnEntry) {
        return Map.of("program", Programs.compile(BASIC).toString(), "stopOnEntry", stopOnEntry);
    }

    @Test
    void lineBreakpointsSetBeforeLaunchAreVerifiedAndHit() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.initialize();
            JsonArray bps = c.request("setBreakpoints", Map.of("source", source(),
                    "breakpoints", List.of(Map.of("line", Programs.line(BASIC, "square_body"))))).getAsJsonArray("breakpoints");
            assertFalse(bps.get(0).getAsJsonObject().get("verified").getAsBoolean(), "no program yet");
            int id = bps.get(0).getAsJsonObject().get("id").getAsInt();
            int m = c.mark();
            c.request("launch", Map.of("program", Programs.compile(BASIC).toString()));
            JsonObject changed = c.event("breakpoint", m, e -> true).getAsJsonObject("body").getAsJsonObject("breakpoint");
            assertTrue(changed.get("verified").getAsBoolean());
            assertEquals(id, changed.get("id").getAsInt());
            c.request("configurationDone", null);
            JsonObject stop = c.stopped(m);
            assertEquals("breakpoint", stop.get("reason").getAsString());
            assertEquals(id, stop.getAsJsonArray("hitBreakpointIds").get(0).getAsInt());
            assertTrue(stop.get("allThreadsStopped").getAsBoolean());
            JsonObject top = c.topFrame(stop.get("threadId").getAsInt());
            assertEquals("square", top.get("name").getAsString());
            assertEquals(Programs.line(BASIC, "square_body"), top.get("line").getAsInt());
        }
    }

    /** printf is in libc, which ld.so has not mapped yet when the program is launched. */
    @Test
    void aLibraryFunctionBreakpointSetBeforeConfigurationDoneIsVerifiedWhenLibcLoadsAndHit() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.initialize();
            int m = c.mark();
            c.request("launch", Map.of("program", Programs.compile(BASIC).toString()));
            JsonObject bp = c.request("setFunctionBreakpoints", Map.of("breakpoints", List.of(Map.of("name", "printf"))))
                    .getAsJsonArray("breakpoints").get(0).getAsJsonObject();
            assertFalse(bp.get("verified").getAsBoolean(), "libc is not loaded yet: " + bp);
            int id = bp.get("id").getAsInt();
            c.request("configurationDone", null);
            JsonObject changed = c.event("breakpoint", m, e -> {
                JsonObject b = e.getAsJsonObject("body").getAsJsonObject("breakpoint");
                return b.get("id").getAsInt() == id && b.get("verified").getAsBoolean();
            }).getAsJsonObject("body");
            assertEquals("changed", changed.get("reason").getAsString());
            JsonObject stop = c.stopped(m);
            assertEquals("function breakpoint", stop.get("reason").getAsString());
            assertEquals(id, stop.getAsJsonArray("hitBreakpointIds").get(0).getAsInt());
            JsonArray frames = c.frames(stop.get("threadId").getAsInt());
            boolean fromMain = false;
            for (JsonElement f : frames) {
                JsonObject o = f.getAsJsonObject();
                if (o.get("name").getAsString().equals("main")) fromMain = o.get("line").getAsInt() == Programs.line(BASIC, "print");
            }
            assertTrue(fromMain, "called from main's printf line: " + frames);
        }
    }

    @Test
    void runWithoutDebuggingIgnoresBreakpoints() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.initialize();
            c.request("setBreakpoints", Map.of("source", source(), "breakpoints", List.of(Map.of("line", Programs.line(BASIC, "square_body")))));
            c.request("launch", Map.of("program", Programs.compile(BASIC).toString(), "noDebug", true));
            c.request("configurationDone", null);
            assertEquals(3, c.exited().get("exitCode").getAsInt());
            assertTrue(c.events().stream().noneMatch(e -> e.get("event").getAsString().equals("stopped")));
        }
    }

    /** Where it moves is gdb's answer for {@code break FILE:LINE} on the same binary, and the stop is there. */
    @Test
    void aLineWithoutCodeMovesToTheNextLineWithCode() {
        List<String> markers = List.of("struct_end", "declaration", "loop_end");
        List<Integer> lines = markers.stream().map(m -> Programs.line(BASIC, m)).toList();
        Map<Integer, Integer> gdb = Gdb.breakpointLines(Programs.compile(BASIC), Programs.source(BASIC), lines);
        for (int i = 0; i < lines.size(); i++) {
            int asked = lines.get(i), expected = gdb.get(asked);
            assertTrue(expected > asked, markers.get(i) + ": gdb moves it to a later line, not " + expected);
            try (DapTestClient c = DapTestClient.inProcess()) {
                int tid = c.launch(basic(true)).get("threadId").getAsInt();
                JsonObject bp = c.request("setBreakpoints", Map.of("source", source(), "breakpoints", List.of(Map.of("line", asked))))
                        .getAsJsonArray("breakpoints").get(0).getAsJsonObject();
                assertTrue(bp.get("verified").getAsBoolean(), bp.toString());
                assertEquals(expected, bp.get("line").getAsInt(), markers.get(i) + " (line " + asked + ") moves where gdb puts it: " + bp);
                assertEquals("breakpoint", c.continueToStop(tid).get("reason").getAsString());
                assertEquals(expected, c.topFrame(tid).get("line").getAsInt(), markers.get(i) + ": stopped there");
            }
        }
    }

    @Test
    void hitConditionsCountHits() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(basic(true));
            int tid = entry.get("threadId").getAsInt();
            c.request("setBreakpoints", Map.of("source", source(), "breakpoints",
                    List.of(Map.of("line", Programs.line(BASIC, "square_body"), "hitCondition", ">= 4"))));
            c.continueToStop(tid);
            // The 4th call is square(3).
            assertEquals(4, hits(c, tid));
            c.continueToStop(tid);
            assertEquals(5, hits(c, tid));
        }
    }

    /** Which call of square this is, read from the loop counter i in main's frame via rdi (x = i). */
    private static int hits(DapTestClient c, int tid) {
        JsonObject frame = c.topFrame(tid);
        Map<String, JsonObject> regs = c.variables(c.scope(frame.get("id").getAsInt(), "Registers"));
        return (int) Long.decode(regs.get("rdi").get("value").getAsString()).longValue() + 1;
    }

    @Test
    void logPointsPrintAndDoNotStop() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(basic(true));
            int tid = entry.get("threadId").getAsInt();
            c.request("setBreakpoints", Map.of("source", source(), "breakpoints",
                    List.of(Map.of("line", Programs.line(BASIC, "loop_counter"), "logMessage", "in the loop {{literal}}"))));
            int m = c.mark();
            c.request("continue", Map.of("threadId", tid));
            c.event("exited", m, e -> true);
            long logged = c.events().stream().filter(e -> e.get("event").getAsString().equals("output"))
                    .filter(e -> e.getAsJsonObject("body").get("output").getAsString().equals("in the loop {literal}\n")).count();
            assertEquals(5, logged);
            assertTrue(c.events().stream().noneMatch(e -> e.get("event").getAsString().equals("stopped") && c.events().indexOf(e) >= m));
        }
    }

    @Test
    void functionBreakpoints() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(basic(true));
            int tid = entry.get("threadId").getAsInt();
            JsonArray bps = c.request("setFunctionBreakpoints", Map.of("breakpoints",
                    List.of(Map.of("name", "square"), Map.of("name", "no_such_function")))).getAsJsonArray("breakpoints");
            assertTrue(bps.get(0).getAsJsonObject().get("verified").getAsBoolean());
            assertFalse(bps.get(1).getAsJsonObject().get("verified").getAsBoolean());
            assertTrue(bps.get(1).getAsJsonObject().get("message").getAsString().contains("no_such_function"));
            JsonObject stop = c.continueToStop(tid);
            assertEquals("function breakpoint", stop.get("reason").getAsString());
            assertEquals(Programs.line(BASIC, "square_body"), c.topFrame(tid).get("line").getAsInt());
        }
    }

    @Test
    void instructionBreakpoints() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(basic(true));
            int tid = entry.get("threadId").getAsInt();
            long square = Programs.symbol(BASIC, "square");
            JsonArray bps = c.request("setInstructionBreakpoints", Map.of("breakpoints",
                    List.of(Map.of("instructionReference", "0x" + Long.toHexString(square), "offset", 1)))).getAsJsonArray("breakpoints");
            assertTrue(bps.get(0).getAsJsonObject().get("verified").getAsBoolean());
            JsonObject stop = c.continueToStop(tid);
            assertEquals("instruction breakpoint", stop.get("reason").getAsString());
            assertEquals("0x" + Long.toHexString(square + 1), c.topFrame(tid).get("instructionPointerReference").getAsString());
        }
    }

    @Test
    void dataBreakpointsStopAfterTheWrite() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(basic(true));
            int tid = entry.get("threadId").getAsInt();
            long watched = Programs.symbol(BASIC, "watched");
            JsonObject info = c.request("dataBreakpointInfo", Map.of("name", "0x" + Long.toHexString(watched), "asAddress", true, "bytes", 8));
            String dataId = info.get("dataId").getAsString();
            JsonArray bps = c.request("setDataBreakpoints", Map.of("breakpoints", List.of(Map.of("dataId", dataId, "accessType", "write"))))
                    .getAsJsonArray("breakpoints");
            assertTrue(bps.get(0).getAsJsonObject().get("verified").getAsBoolean(), bps.toString());
            JsonObject stop = c.continueToStop(tid);
            assertEquals("data breakpoint", stop.get("reason").getAsString());
            assertEquals(bps.get(0).getAsJsonObject().get("id").getAsInt(), stop.getAsJsonArray("hitBreakpointIds").get(0).getAsInt());
            assertEquals(0, readLong(c, watched)); // watched += 0 writes too
            c.continueToStop(tid);
            assertEquals(1, readLong(c, watched)); // the next write, 0 + 1
            c.request("setDataBreakpoints", Map.of("breakpoints", List.of()));
            int m = c.mark();
            c.request("continue", Map.of("threadId", tid));
            assertEquals(3, c.event("exited", m, e -> true).getAsJsonObject("body").get("exitCode").getAsInt());
        }
    }

    static long readLong(DapTestClient c, long address) {
        JsonObject r = c.request("readMemory", Map.of("memoryReference", "0x" + Long.toHexString(address), "count", 8));
        byte[] b = java.util.Base64.getDecoder().decode(r.get("data").getAsString());
        return java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void misalignedOrOddSizedDataBreakpointsAreExplained() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(basic(true));
            long watched = Programs.symbol(BASIC, "watched");
            JsonObject info = c.request("dataBreakpointInfo", Map.of("name", "0x" + Long.toHexString(watched + 1), "asAddress", true, "bytes", 8));
            assertFalse(info.has("dataId") && !info.get("dataId").isJsonNull());
            assertTrue(info.get("description").getAsString().contains("aligned"));
        }
    }

    @Test
    void breakpointLocationsListLinesWithCode() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(basic(true));
            int from = Programs.line(BASIC, "square_body") - 1;
            JsonArray locations = c.request("breakpointLocations", Map.of("source", source(), "line", from,
                    "endLine", Programs.line(BASIC, "square_return") + 2)).getAsJsonArray("breakpoints");
            List<Integer> lines = new ArrayList<>();
            for (JsonElement e : locations) lines.add(e.getAsJsonObject().get("line").getAsInt());
            assertTrue(lines.contains(Programs.line(BASIC, "square_body")), lines.toString());
            assertTrue(lines.contains(Programs.line(BASIC, "square_return")), lines.toString());
            assertFalse(lines.contains(Programs.line(BASIC, "square_return") + 2), "the blank line after square: " + lines);
        }
    }

    @Test
    void breakpointsCanBeChangedWhileTheProgramRuns() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(Map.of("program", Programs.compile("dap_endless.c").toString(), "stopOnEntry", true));
            int tid = entry.get("threadId").getAsInt();
            int m = c.mark();
            c.request("continue", Map.of("threadId", tid));
            c.event("output", m, e -> e.getAsJsonObject("body").get("output").getAsString().contains("spinning"));
            JsonObject bp = c.request("setBreakpoints", Map.of("source", Map.of("path", Programs.source("dap_endless.c").toString()),
                    "breakpoints", List.of(Map.of("line", Programs.line("dap_endless.c", "spin"))))).getAsJsonArray("breakpoints")
                    .get(0).getAsJsonObject();
            assertTrue(bp.get("verified").getAsBoolean());
            JsonObject stop = c.stopped(m);
            assertEquals("breakpoint", stop.get("reason").getAsString());
            assertEquals(Programs.line("dap_endless.c", "spin"), c.topFrame(tid).get("line").getAsInt());
        }
    }
}
