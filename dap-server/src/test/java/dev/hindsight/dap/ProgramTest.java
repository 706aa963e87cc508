package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Eventually;
import dev.hindsight.dap.testing.Programs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Building and running programs: sources, compile errors, arguments, environment, stdin, signals, the end. */
@Timeout(120)
class ProgramTest {
    @Test
    void compileErrorsFailTheLaunchAndArriveAsDiagnostics() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.initialize();
            String error = c.error("launch", Map.of("program", Programs.source("dap_error.c").toString()));
            assertTrue(error.contains("compilation failed") && error.contains("'y'"), error);
            JsonObject d = c.event("output", 0, e -> e.getAsJsonObject("body").has("data")).getAsJsonObject("body");
            assertEquals("console", d.get("category").getAsString());
            assertEquals(Programs.source("dap_error.c").toString(), d.getAsJsonObject("source").get("path").getAsString());
            assertEquals(Programs.line("dap_error.c", "error"), d.get("line").getAsInt());
            assertTrue(d.get("column").getAsInt() > 0);
            JsonObject data = d.getAsJsonObject("data");
            assertEquals("diagnostic", data.get("kind").getAsString());
            assertEquals("error", data.get("severity").getAsString());
            assertTrue(data.get("message").getAsString().contains("undeclared identifier 'y'"));
        }
    }

    @Test
    void inlineSourcesAreCompiledInTheSessionDirectory(@TempDir Path temp) {
        String program = "#include <stdio.h>\nint main(void) {\n    puts(\"inline hello\");\n    return 7;\n}\n";
        try (DapTestClient c = DapTestClient.inProcess(new DapSessionOptions(false, false, temp))) {
            c.launch(Map.of("sources", List.of(Map.of("name", "main.c", "text", program))));
            assertEquals(7, c.exited().get("exitCode").getAsInt());
            assertEquals("inline hello\n", c.output("stdout"));
            int m = c.mark();
            c.request("restart", null); // after the end: built and run again
            assertEquals(7, c.event("exited", m, e -> true).getAsJsonObject("body").get("exitCode").getAsInt());
        }
        try (var left = Files.list(temp)) {
            assertEquals(0, left.count(), "the session directory is removed");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void inlineSourceNamesCannotEscapeTheSessionDirectory(@TempDir Path temp) {
        try (DapTestClient c = DapTestClient.inProcess(new DapSessionOptions(false, false, temp))) {
            c.initialize();
            String e = c.error("launch", Map.of("sources", List.of(Map.of("name", "../evil.c", "text", "int main(){}"))));
            assertTrue(e.contains("invalid source file name"), e);
        }
    }

    @Test
    void webSessionsOnlyAcceptHarmlessCompilerFlags(@TempDir Path temp) {
        String program = "int main(void) { return 0; }\n";
        try (DapTestClient c = DapTestClient.inProcess(new DapSessionOptions(false, false, temp))) {
            c.initialize();
            for (String flag : List.of("-include/etc/passwd", "-I/etc", "@/etc/passwd", "-Wl,-T,/etc/passwd", "-fplugin=/tmp/x.so",
                    "-save-temps", "-B/tmp", "-mllvm", "--sysroot=/")) {
                String e = c.error("launch", Map.of("sources", List.of(Map.of("name", "main.c", "text", program)),
                        "compilerArgs", List.of(flag)));
                assertTrue(e.contains("not allowed"), flag + ": " + e);
            }
            c.request("launch", Map.of("sources", List.of(Map.of("name", "main.c", "text", program)),
                    "compilerArgs", List.of("-O1", "-std=c11", "-Wall", "-Wno-unused", "-fno-omit-frame-pointer", "-DX=1", "-lm", "-g3")));
        }
    }

    @Test
    void argumentsEnvironmentAndWorkingDirectory(@TempDir Path cwd) throws Exception {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", Programs.compile("dap_env.c").toString(), "args", List.of("one", "two words"),
                    "env", Map.of("ONLY", "this"), "cwd", cwd.toString()));
            c.exited();
            assertEquals("arg=one\narg=two words\nenv=ONLY=this\ncwd=" + cwd.toRealPath() + "\n", c.output("stdout"));
        }
    }

    @Test
    void floodsOfOutputArriveCompleteAndInOrder() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", Programs.compile("dap_flood.c").toString()));
            c.exited();
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 100000; i++) expected.append("line ").append(i).append('\n');
            assertEquals(expected.toString(), c.output("stdout"));
        }
    }

    @Test
    void stdinFeedsTheProgram() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", Programs.compile("dap_stdin.c").toString()));
            c.request("writeStdin", Map.of("text", "hello\n"));
            c.event("output", 0, e -> e.getAsJsonObject("body").get("output").getAsString().contains("got: hello"));
            c.request("writeStdin", Map.of("text", "world\n", "eof", true));
            assertEquals(2, c.exited().get("exitCode").getAsInt());
            assertEquals("reading\ngot: hello\ngot: world\neof after 2 lines\n", c.output("stdout"));
        }
    }

    @Test
    void pausingAProgramBlockedOnStdinDoesNotDisturbItsRead() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", Programs.compile("dap_stdin.c").toString()));
            c.event("output", 0, e -> e.getAsJsonObject("body").get("output").getAsString().contains("reading"));
            int m = c.mark();
            c.request("pause", Map.of("threadId", 0));
            JsonObject stop = c.stopped(m);
            assertEquals("pause", stop.get("reason").getAsString());
            int tid = stop.get("threadId").getAsInt();
            assertTrue(c.frames(tid).toString().contains("\"main\""));
            c.request("continue", Map.of("threadId", tid));
            c.request("writeStdin", Map.of("text", "after pause\n", "eof", true));
            assertEquals(1, c.exited().get("exitCode").getAsInt());
            assertEquals("reading\ngot: after pause\neof after 1 lines\n", c.output("stdout"));
        }
    }

    @Test
    void assemblyWithoutMainStopsOnEntryAtTheEntryPoint() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject stop = c.launch(Map.of("program", Programs.source("dap_start.s").toString(), "stopOnEntry", true));
            assertEquals("entry", stop.get("reason").getAsString());
            int tid = stop.get("threadId").getAsInt();
            JsonObject top = c.topFrame(tid);
            assertEquals(Programs.line("dap_start.s", "start"), top.get("line").getAsInt());
            c.step("stepIn", tid, "instruction");
            c.step("stepIn", tid, "instruction");
            Map<String, JsonObject> regs = c.variables(c.scope(c.topFrame(tid).get("id").getAsInt(), "Registers"));
            assertEquals("0xc", regs.get("rax").get("value").getAsString());
            int m = c.mark();
            c.request("continue", Map.of("threadId", tid));
            assertEquals(12, c.event("exited", m, e -> true).getAsJsonObject("body").get("exitCode").getAsInt());
        }
    }

    @Test
    void aCrashStopsWithTheSignalAndEndsTheProgramOnContinue() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", Programs.compile("dap_crash.c").toString()));
            JsonObject stop = c.stopped(0);
            assertEquals("exception", stop.get("reason").getAsString());
            assertTrue(stop.get("description").getAsString().contains("Segmentation fault"), stop.toString());
            int tid = stop.get("threadId").getAsInt();
            assertEquals(Programs.line("dap_crash.c", "fault"), c.topFrame(tid).get("line").getAsInt());
            JsonObject info = c.request("exceptionInfo", Map.of("threadId", tid));
            assertEquals("SIGSEGV", info.get("exceptionId").getAsString());
            assertTrue(info.get("description").getAsString().contains("0x0"));
            // The output pump and the stop race (DAP orders neither): wait for the line, then check it all.
            c.event("output", 0, e -> e.getAsJsonObject("body").get("output").getAsString().contains("about to crash"));
            assertEquals("about to crash\n", c.output("stdout"));
            int m = c.mark();
            c.request("continue", Map.of("threadId", tid));
            assertEquals(128 + 11, c.event("exited", m, e -> true).getAsJsonObject("body").get("exitCode").getAsInt());
            c.event("terminated", m, e -> true);
        }
    }

    @Test
    void terminateEndsAnEndlessProgram() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", Programs.compile("dap_endless.c").toString()));
            c.event("output", 0, e -> e.getAsJsonObject("body").get("output").getAsString().contains("spinning"));
            int pid = c.request("threads", null).getAsJsonArray("threads").get(0).getAsJsonObject().get("id").getAsInt();
            assertTrue(Eventually.running(pid));
            int m = c.mark();
            c.request("terminate", null);
            JsonObject exited = c.event("exited", m, e -> true);
            assertEquals(128 + 9, exited.getAsJsonObject("body").get("exitCode").getAsInt(), "killed (SIGKILL is 9)");
            JsonObject terminated = c.event("terminated", m, e -> true);
            assertTrue(c.events().indexOf(exited) < c.events().indexOf(terminated), "exited before terminated: " + c.eventNames());
            Eventually.gone(pid);
        }
    }

    @Test
    void terminateEndsAStoppedProgramWithExitedAndTerminated() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", Programs.compile("dap_endless.c").toString(), "stopOnEntry", true));
            int m = c.mark();
            c.request("terminate", null);
            assertEquals(128 + 9, c.event("exited", m, e -> true).getAsJsonObject("body").get("exitCode").getAsInt());
            c.event("terminated", m, e -> true);
        }
    }

    @Test
    void terminateRightAfterContinueEndsTheProgram() {
        for (int round = 0; round < 3; round++) {
            try (DapTestClient c = DapTestClient.inProcess()) {
                JsonObject entry = c.launch(Map.of("program", Programs.compile("dap_endless.c").toString(), "stopOnEntry", true));
                int m = c.mark();
                c.request("continue", Map.of("threadId", entry.get("threadId").getAsInt()));
                c.request("terminate", null);
                c.event("exited", m, e -> true);
                c.event("terminated", m, e -> true);
                assertEquals(1, c.events().stream().filter(e -> e.get("event").getAsString().equals("terminated")).count());
            }
        }
    }

    /** As the DAP spec says of disconnect: the debuggee ends, and so does the adapter's session. */
    @Test
    void disconnectKillsTheProgramAndEndsTheSession() throws Exception {
        DapSession session = DapSession.create(DapSessionOptions.defaults());
        CountDownLatch ended = new CountDownLatch(1);
        session.onClosed(ended::countDown);
        DapTestClient c = new DapTestClient() {
            {
                wire(session::receive, session);
            }
        };
        session.connect(c::onMessage);
        try {
            JsonObject entry = c.launch(Map.of("program", Programs.compile("dap_endless.c").toString(), "stopOnEntry", true));
            int pid = entry.get("threadId").getAsInt();
            assertTrue(Eventually.running(pid));
            int seq = c.send("disconnect", Map.of("terminateDebuggee", true));
            JsonObject r = c.response(seq);
            assertTrue(r.get("success").getAsBoolean(), r.toString());
            assertEquals("disconnect", r.get("command").getAsString());
            assertTrue(ended.await(DapTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the session ends after disconnect");
            assertTrue(session.isEnding());
            Eventually.gone(pid);
        } finally {
            c.close();
        }
    }

    @Test
    void restartRunsTheProgramAgain() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(Map.of("program", Programs.compile("dap_basic.c").toString(), "stopOnEntry", true));
            int first = entry.get("threadId").getAsInt();
            int m = c.mark();
            c.request("restart", null);
            JsonObject again = c.stopped(m);
            assertEquals("entry", again.get("reason").getAsString());
            assertNotEquals(first, again.get("threadId").getAsInt(), "a new process");
            assertEquals("main", c.topFrame(again.get("threadId").getAsInt()).get("name").getAsString());
            assertTrue(c.events().subList(m, c.events().size()).stream().noneMatch(e -> e.get("event").getAsString().equals("terminated")));
        }
    }

    @Test
    void loadedSourcesAndSource() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", Programs.compile("dap_basic.c").toString(), "stopOnEntry", true));
            String sources = c.request("loadedSources", Map.of()).getAsJsonArray("sources").toString();
            assertTrue(sources.contains(Programs.source("dap_basic.c").toString()), sources);
            String text = c.request("source", Map.of("source", Map.of("path", Programs.source("dap_basic.c").toString()),
                    "sourceReference", 0)).get("content").getAsString();
            assertTrue(text.contains("BREAK: square_body"));
        }
    }
}
