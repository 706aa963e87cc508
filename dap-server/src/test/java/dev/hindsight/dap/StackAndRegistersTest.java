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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class StackAndRegistersTest {
    static final String BASIC = "dap_basic.c", CALLBACKS = "dap_callbacks.c";

    /** Stopped in square (called from main's loop). */
    static int inSquare(DapTestClient c) {
        JsonObject entry = c.launch(Map.of("program", Programs.compile(BASIC).toString(), "stopOnEntry", true));
        int tid = entry.get("threadId").getAsInt();
        c.request("setFunctionBreakpoints", Map.of("breakpoints", List.of(Map.of("name", "square"))));
        c.continueToStop(tid);
        return tid;
    }

    /**
     * Stopped in a callback that libgcc_s's {@code _Unwind_Backtrace} calls: that frame has no line
     * information (gdb's {@code bt} shows no file for it), so it is {@code symbol+offset} as gdb's
     * {@code info symbol} names its pc, and subtle; the frames around it have their source.
     */
    @Test
    void stackTraceHasSourceFramesAndSubtleFramesWithoutSource() {
        Path exe = Programs.compile(CALLBACKS);
        List<Gdb.Frame> gdb = Gdb.stopAt(exe, Map.of(), exe.getParent(), "count_frame", 0).frames();
        assertTrue(gdb.stream().anyMatch(f -> f.file() == null), "gdb sees a frame without line information: " + gdb);
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = stoppedIn(c, "count_frame");
            JsonArray frames = c.frames(tid);
            assertEquals(gdb.size(), frames.size(), "as many frames as gdb's bt (it ends at main): " + frames);
            for (int i = 0; i < gdb.size(); i++) {
                Gdb.Frame expected = gdb.get(i);
                JsonObject f = frames.get(i).getAsJsonObject();
                assertEquals("0x" + Long.toHexString(expected.pc()), f.get("instructionPointerReference").getAsString(), f.toString());
                if (expected.file() == null) {
                    assertEquals(expected.symbol(), f.get("name").getAsString(), f.toString());
                    assertTrue(expected.symbol().matches("\\w+\\+\\d+"), "a symbol and an offset: " + expected.symbol());
                    assertEquals("subtle", f.get("presentationHint").getAsString(), f.toString());
                    assertGeneratedListing(f);
                } else {
                    assertEquals(expected.name(), f.get("name").getAsString(), f.toString());
                    assertEquals(expected.file(), f.getAsJsonObject("source").get("path").getAsString());
                    assertEquals(expected.line(), f.get("line").getAsInt(), f.toString());
                    assertTrue(f.get("column").getAsInt() >= 1, f.toString());
                    assertFalse(f.has("presentationHint"), f.toString());
                }
            }
            assertEquals(Programs.line(CALLBACKS, "count_frame"), frames.get(0).getAsJsonObject().get("line").getAsInt());
            assertEquals(Programs.line(CALLBACKS, "call_unwind"), frames.get(frames.size() - 1).getAsJsonObject().get("line").getAsInt());
        }
    }

    /** No file for the frame: its source is a generated listing by reference, not a path. */
    static void assertGeneratedListing(JsonObject frame) {
        JsonObject source = frame.getAsJsonObject("source");
        assertTrue(source.get("sourceReference").getAsInt() > 0, frame.toString());
        assertFalse(source.has("path"), frame.toString());
        assertEquals("deemphasize", source.get("presentationHint").getAsString(), frame.toString());
    }

    /** Launched to entry, then continued to a function breakpoint in the callbacks fixture; returns the thread. */
    static int stoppedIn(DapTestClient c, String function) {
        JsonObject entry = c.launch(Map.of("program", Programs.compile(CALLBACKS).toString(), "stopOnEntry", true));
        int tid = entry.get("threadId").getAsInt();
        c.request("setFunctionBreakpoints", Map.of("breakpoints", List.of(Map.of("name", function))));
        c.continueToStop(tid);
        return tid;
    }

    @Test
    void framesWithoutLineInformationAreSymbolPlusOffsetAndSubtle() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(Map.of("program", Programs.compile("dap_nodebug.c").toString(), "stopOnEntry", true));
            int tid = entry.get("threadId").getAsInt();
            c.request("setFunctionBreakpoints", Map.of("breakpoints", List.of(Map.of("name", "leaf"))));
            c.continueToStop(tid);
            c.step("stepIn", tid, "instruction");
            JsonObject leaf = c.topFrame(tid);
            assertEquals("leaf+1", leaf.get("name").getAsString());
            assertEquals("subtle", leaf.get("presentationHint").getAsString());
            assertGeneratedListing(leaf);
            assertEquals("0x" + Long.toHexString(Programs.symbol("dap_nodebug.c", "leaf") + 1),
                    leaf.get("instructionPointerReference").getAsString());
        }
    }

    /**
     * Stopped in qsort's comparator: the frames between it and main are libc's, whose lines come
     * from libc6-dbg (misc/test-all.sh installs it) but whose sources are not on this machine.
     * gdb's bt at the same stop says which frames those are and where.
     */
    @Test
    void librarySourcesThatAreNotHereAreDeemphasised() {
        Path exe = Programs.compile(CALLBACKS);
        List<Gdb.Frame> gdb = Gdb.stopAt(exe, Map.of(), exe.getParent(), "compare", 0).frames();
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = stoppedIn(c, "compare");
            JsonArray frames = c.frames(tid);
            assertEquals(gdb.size(), frames.size(), "as many frames as gdb's bt, inlined calls included: " + frames);
            int libc = 0;
            for (int i = 1; i < gdb.size() - 1; i++) {
                Gdb.Frame expected = gdb.get(i);
                JsonObject f = frames.get(i).getAsJsonObject();
                // as gdb prints it (./stdlib/msort.c); gdb's full name joins libc's relative directory twice
                String file = expected.printedFile();
                assertFalse(Files.exists(Path.of(expected.file())), "libc's source is not here: " + expected.file());
                assertEquals("0x" + Long.toHexString(expected.pc()), f.get("instructionPointerReference").getAsString(), f.toString());
                assertEquals(expected.name(), f.get("name").getAsString(), f.toString());
                // No file here: a generated listing by sourceReference (its lines: the node suite's
                // sources.test.js); where gdb places the frame stays readable as the source's origin.
                assertTrue(f.getAsJsonObject("source").get("sourceReference").getAsInt() > 0, f.toString());
                assertFalse(f.getAsJsonObject("source").has("path"), f.toString());
                assertEquals(file + ":" + expected.line() + " (not on this machine)",
                        f.getAsJsonObject("source").get("origin").getAsString(), f.toString());
                assertEquals("deemphasize", f.getAsJsonObject("source").get("presentationHint").getAsString(), f.toString());
                assertEquals("subtle", f.get("presentationHint").getAsString(), f.toString());
                libc++;
            }
            assertTrue(libc >= 2, "qsort and its helpers are between the comparator and main: " + gdb);
            assertEquals("compare", frames.get(0).getAsJsonObject().get("name").getAsString());
            assertFalse(frames.get(0).getAsJsonObject().has("presentationHint"), frames.get(0).toString());
            JsonObject main = frames.get(frames.size() - 1).getAsJsonObject();
            assertEquals("main", main.get("name").getAsString());
            assertFalse(main.has("presentationHint"), main.toString());
        }
    }

    @Test
    void stepOutShowsTheReturnValue() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(Map.of("program", Programs.compile(BASIC).toString(), "stopOnEntry", true));
            int tid = entry.get("threadId").getAsInt();
            c.request("setFunctionBreakpoints", Map.of("breakpoints", List.of(Map.of("name", "square", "hitCondition", "3"))));
            c.continueToStop(tid); // square(2)
            c.step("stepOut", tid, null);
            int frame = c.topFrame(tid).get("id").getAsInt();
            JsonObject first = c.request("scopes", Map.of("frameId", frame)).getAsJsonArray("scopes").get(0).getAsJsonObject();
            assertEquals("Return value", first.get("name").getAsString());
            assertEquals("returnValue", first.get("presentationHint").getAsString());
            Map<String, JsonObject> rv = c.variables(first.get("variablesReference").getAsInt());
            assertEquals("4", rv.get("square (rax)").get("value").getAsString());
            c.step("next", tid, null);
            assertFalse(c.request("scopes", Map.of("frameId", c.topFrame(tid).get("id").getAsInt())).toString().contains("Return value"));
        }
    }

    @Test
    void modulesListTheLoadedObjects() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", Programs.compile(BASIC).toString(), "stopOnEntry", true));
            JsonObject r = c.request("modules", Map.of());
            String modules = r.getAsJsonArray("modules").toString();
            assertTrue(modules.contains(Programs.compile(BASIC).getFileName().toString()), modules);
            assertTrue(modules.contains("libc.so.6"), modules);
            assertTrue(r.get("totalModules").getAsInt() >= 3);
        }
    }

    @Test
    void stackTracePages() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = inSquare(c);
            JsonArray all = c.frames(tid);
            JsonObject page = c.request("stackTrace", Map.of("threadId", tid, "startFrame", 1, "levels", 1));
            assertEquals(1, page.getAsJsonArray("stackFrames").size());
            assertEquals(all.get(1).getAsJsonObject().get("instructionPointerReference"),
                    page.getAsJsonArray("stackFrames").get(0).getAsJsonObject().get("instructionPointerReference"));
            assertEquals(all.size(), page.get("totalFrames").getAsInt());
            JsonObject first = c.request("stackTrace", Map.of("threadId", tid, "startFrame", 0, "levels", 1));
            assertEquals(1, first.getAsJsonArray("stackFrames").size());
            assertTrue(first.get("totalFrames").getAsInt() > 1, "more frames are announced");
        }
    }

    @Test
    void registersScopeListsGeneralRegistersFlagsAndVectorRegisters() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = inSquare(c);
            JsonObject top = c.topFrame(tid);
            JsonArray scopes = c.request("scopes", Map.of("frameId", top.get("id").getAsInt())).getAsJsonArray("scopes");
            List<String> names = new ArrayList<>();
            for (JsonElement s : scopes) names.add(s.getAsJsonObject().get("name").getAsString());
            assertEquals(List.of("Locals", "Arguments", "Registers", "Globals"), names);
            assertEquals("registers", scopes.get(2).getAsJsonObject().get("presentationHint").getAsString());
            Map<String, JsonObject> regs = c.variables(c.scope(top.get("id").getAsInt(), "Registers"));
            for (String r : List.of("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r15", "rip", "eflags",
                    "cs", "ss", "fs_base", "gs_base")) {
                assertTrue(regs.containsKey(r), r);
                assertTrue(regs.get(r).get("value").getAsString().startsWith("0x"), r);
            }
            assertEquals(top.get("instructionPointerReference").getAsString(), regs.get("rip").get("value").getAsString());
            Map<String, JsonObject> flags = c.variables(regs.get("eflags").get("variablesReference").getAsInt());
            assertEquals(List.of("CF", "PF", "AF", "ZF", "SF", "TF", "IF", "DF", "OF"), List.copyOf(flags.keySet()));
            assertEquals("1", flags.get("IF").get("value").getAsString());
            Map<String, JsonObject> vector = c.variables(regs.get("Vector registers").get("variablesReference").getAsInt());
            assertTrue(vector.containsKey("xmm0") && vector.containsKey("xmm15") && vector.containsKey("mxcsr"));
            assertTrue(vector.get("xmm0").get("value").getAsString().contains("v4_float"));
        }
    }

    @Test
    void setVariableWritesRegistersAndFlags() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = inSquare(c);
            int frame = c.topFrame(tid).get("id").getAsInt();
            int regs = c.scope(frame, "Registers");
            JsonObject r = c.request("setVariable", Map.of("variablesReference", regs, "name", "rax", "value", "0x1234"));
            assertEquals("0x1234", r.get("value").getAsString());
            assertEquals("0x1234", c.variables(regs).get("rax").get("value").getAsString());
            assertEquals("4660", c.request("evaluate", Map.of("expression", "$rax", "frameId", frame, "context", "watch"))
                    .get("result").getAsString());
            assertEquals("0x1234", c.request("evaluate", Map.of("expression", "$rax", "frameId", frame, "format", Map.of("hex", true)))
                    .get("result").getAsString());
            int flags = c.variables(regs).get("eflags").get("variablesReference").getAsInt();
            c.request("setVariable", Map.of("variablesReference", flags, "name", "CF", "value", "1"));
            assertEquals("1", c.variables(c.variables(regs).get("eflags").get("variablesReference").getAsInt()).get("CF")
                    .get("value").getAsString());
            assertTrue(c.error("setVariable", Map.of("variablesReference", regs, "name", "rax", "value", "banana"))
                    .contains("not a number"));
            int vector = c.variables(regs).get("Vector registers").get("variablesReference").getAsInt();
            JsonObject xmm = c.request("setVariable", Map.of("variablesReference", vector, "name", "xmm1",
                    "value", "0x3ff00000000000003f800000", "format", Map.of("hex", true)));
            assertEquals("0x3ff00000000000003f800000", xmm.get("value").getAsString());
            String natural = c.variables(c.variables(regs).get("Vector registers").get("variablesReference").getAsInt())
                    .get("xmm1").get("value").getAsString();
            assertTrue(natural.startsWith("{v4_float = {1.0, 0.0, 1.875, 0.0}, v2_double = {"), natural);
        }
    }

    @Test
    void outerFramesShowTheirUnwoundRegisters() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = inSquare(c);
            JsonObject main = c.frames(tid).get(1).getAsJsonObject();
            Map<String, JsonObject> regs = c.variables(c.scope(main.get("id").getAsInt(), "Registers"));
            assertEquals(main.get("instructionPointerReference").getAsString(), regs.get("rip").get("value").getAsString());
            assertTrue(c.error("setVariable", Map.of("variablesReference", c.scope(main.get("id").getAsInt(), "Registers"),
                    "name", "rax", "value", "1")).contains("outer frames"));
        }
    }

    @Test
    void memoryReadsAndWritesRoundTrip() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", Programs.compile(BASIC).toString(), "stopOnEntry", true));
            long counter = Programs.symbol(BASIC, "counter");
            String ref = "0x" + Long.toHexString(counter);
            JsonObject w = c.request("writeMemory", Map.of("memoryReference", ref, "data",
                    Base64.getEncoder().encodeToString(new byte[] {7, 0, 0, 0})));
            assertEquals(4, w.get("bytesWritten").getAsInt());
            JsonObject r = c.request("readMemory", Map.of("memoryReference", ref, "offset", 0, "count", 4));
            assertEquals(ref, r.get("address").getAsString());
            assertEquals(List.of((byte) 7, (byte) 0, (byte) 0, (byte) 0), bytes(r));
            JsonObject unreadable = c.request("readMemory", Map.of("memoryReference", "0x10", "count", 16));
            assertEquals(16, unreadable.get("unreadableBytes").getAsInt());
        }
    }

    private static List<Byte> bytes(JsonObject r) {
        List<Byte> out = new ArrayList<>();
        for (byte b : Base64.getDecoder().decode(r.get("data").getAsString())) out.add(b);
        return out;
    }

    @Test
    void referencesGoStaleWhenTheProgramResumes() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = inSquare(c);
            int frame = c.topFrame(tid).get("id").getAsInt();
            int regs = c.scope(frame, "Registers");
            c.continueToStop(tid);
            assertTrue(c.error("variables", Map.of("variablesReference", regs)).contains("stale"));
            assertTrue(c.error("scopes", Map.of("frameId", frame)).contains("stale"));
        }
    }

    @Test
    void vsCodeDisassemblyViewFlow() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            int tid = inSquare(c);
            String ip = c.topFrame(tid).get("instructionPointerReference").getAsString();
            JsonArray insns = c.request("disassemble", Map.of("memoryReference", ip, "offset", 0, "instructionOffset", -200,
                    "instructionCount", 400, "resolveSymbols", true)).getAsJsonArray("instructions");
            assertEquals(400, insns.size());
            assertEquals(ip, insns.get(200).getAsJsonObject().get("address").getAsString());
            long previous = -1;
            for (JsonElement e : insns) {
                long a = Long.decode(e.getAsJsonObject().get("address").getAsString());
                assertTrue(a > previous, "addresses increase");
                previous = a;
            }
            // Decoded backwards onto the right boundaries: the instruction before ip ends at ip.
            JsonObject before = insns.get(199).getAsJsonObject();
            long end = Long.decode(before.get("address").getAsString()) + before.get("instructionBytes").getAsString().split(" ").length;
            assertEquals(Long.decode(ip), end);
            JsonObject current = insns.get(200).getAsJsonObject();
            assertEquals(Programs.line(BASIC, "square_body"), current.get("line").getAsInt());
            assertEquals(Programs.source(BASIC).toString(), current.getAsJsonObject("location").get("path").getAsString());
            assertTrue(current.get("symbol").getAsString().startsWith("square"));
        }
    }

    /** C++ names in the listing as the stack shows them (c++filt's spelling), never mangled. */
    @Test
    void disassemblyNamesCppFunctionsDemangled() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(Map.of("program", Programs.compile("dap_cpp_names.cpp").toString(),
                    "stopOnEntry", true));
            int tid = entry.get("threadId").getAsInt();
            c.request("setFunctionBreakpoints", Map.of("breakpoints", List.of(Map.of("name", "outer::Box<int>::helper"))));
            c.continueToStop(tid);
            String ip = c.topFrame(tid).get("instructionPointerReference").getAsString();
            JsonArray insns = c.request("disassemble", Map.of("memoryReference", ip, "instructionOffset", -40,
                    "instructionCount", 80, "resolveSymbols", true)).getAsJsonArray("instructions");
            String here = insns.get(40).getAsJsonObject().get("symbol").getAsString();
            assertTrue(here.startsWith("outer::Box<int>::helper(int)"), here);
            for (JsonElement e : insns) {
                JsonObject o = e.getAsJsonObject();
                String text = (o.has("symbol") ? o.get("symbol").getAsString() : "") + " " + o.get("instruction").getAsString();
                assertFalse(text.contains("<_Z") || text.startsWith("_Z"), "mangled: " + text);
            }
        }
    }

    @Test
    void disassemblingUnreadableMemoryGivesPlaceholders() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", Programs.compile(BASIC).toString(), "stopOnEntry", true));
            JsonArray insns = c.request("disassemble", Map.of("memoryReference", "0x1000", "instructionOffset", -10,
                    "instructionCount", 20)).getAsJsonArray("instructions");
            assertEquals(20, insns.size());
            for (JsonElement e : insns) {
                assertEquals("??", e.getAsJsonObject().get("instruction").getAsString());
                assertEquals("invalid", e.getAsJsonObject().get("presentationHint").getAsString());
            }
            assertFalse(insns.get(10).getAsJsonObject().has("line"));
        }
    }
}
