package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Eventually;
import dev.hindsight.dap.testing.Programs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Session-level behaviour: threads, attach, reconnecting clients, cancel, build options. */
@Timeout(120)
class SessionTest {
    @Test
    void threadsAreListedAndAnnounced() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject entry = c.launch(Map.of("program", Programs.compile("dap_threads.c").toString(), "stopOnEntry", true));
            int main = entry.get("threadId").getAsInt();
            c.request("setBreakpoints", Map.of("source", Map.of("path", Programs.source("dap_threads.c").toString()),
                    "breakpoints", List.of(Map.of("line", Programs.line("dap_threads.c", "worker")))));
            JsonObject stop = c.continueToStop(main);
            assertEquals("breakpoint", stop.get("reason").getAsString());
            int worker = stop.get("threadId").getAsInt();
            assertTrue(worker != main, "a worker thread hit it");
            JsonArray threads = c.request("threads", null).getAsJsonArray("threads");
            assertTrue(threads.size() >= 2, threads.toString());
            assertEquals("worker", c.topFrame(worker).get("name").getAsString());
            c.event("thread", 0, e -> e.getAsJsonObject("body").get("reason").getAsString().equals("started")
                    && e.getAsJsonObject("body").get("threadId").getAsInt() == worker);
            c.request("setBreakpoints", Map.of("source", Map.of("path", Programs.source("dap_threads.c").toString()),
                    "breakpoints", List.of()));
            int m = c.mark();
            c.request("continue", Map.of("threadId", worker));
            assertEquals(5, c.event("exited", m, e -> true).getAsJsonObject("body").get("exitCode").getAsInt());
            assertTrue(c.events().stream().anyMatch(e -> e.get("event").getAsString().equals("thread")
                    && e.getAsJsonObject("body").get("reason").getAsString().equals("exited")));
            assertTrue(c.events().stream().anyMatch(e -> e.get("event").getAsString().equals("continued")));
        }
    }

    @Test
    void attachStopsARunningProcessAndDetachLetsItGoOn(@TempDir Path dir) throws Exception {
        // Started through a shell so the JDK's process reaper (which would take ptrace stops) is not its parent.
        Path out = dir.resolve("out");
        Process sh = new ProcessBuilder("/bin/sh", "-c", Programs.compile("dap_sleeper.c") + " >" + out + " 2>&1 & echo $!").start();
        int pid = Integer.parseInt(new String(sh.getInputStream().readAllBytes()).trim());
        sh.waitFor();
        try {
            Eventually.holds("the program to start", () -> read(out).contains("ready"));
            try (DapTestClient c = DapTestClient.inProcess()) {
                c.initialize();
                int m = c.mark();
                c.request("attach", Map.of("pid", pid));
                c.request("configurationDone", null);
                JsonObject stop = c.stopped(m);
                assertEquals("pause", stop.get("reason").getAsString());
                JsonArray frames = c.frames(stop.get("threadId").getAsInt());
                assertTrue(frames.toString().contains("\"main\""), frames.toString());
                c.request("disconnect", Map.of());
            }
            Eventually.holds("the debugger to let go of " + pid, () -> "0".equals(tracerPid(pid)));
            // Detached, it runs on: its loop counter goes up.
            long ticks = Programs.symbol("dap_sleeper.c", "ticks");
            int before = readInt(pid, ticks);
            Eventually.holds("the detached program to tick on", () -> readInt(pid, ticks) > before);
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static String tracerPid(int pid) {
        return read(Path.of("/proc/" + pid + "/status")).lines().filter(l -> l.startsWith("TracerPid:"))
                .map(l -> l.split("\\s+")[1]).findFirst().orElse("gone");
    }

    /** An int in the memory of a process this test does not trace. */
    private static int readInt(int pid, long address) {
        try (var mem = java.nio.channels.FileChannel.open(Path.of("/proc/" + pid + "/mem"))) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            mem.read(b, address);
            return b.getInt(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aReconnectingClientGetsTheLastStopAgain() {
        DapSession session = DapSession.create(DapSessionOptions.defaults());
        try {
            List<String> first = new CopyOnWriteArrayList<>();
            session.connect(first::add);
            DapTestClient c = new DapTestClient() {
                {
                    wire(session::receive, () -> { });
                }
            };
            session.connect(m -> {
                first.add(m);
                c.onMessage(m);
            });
            JsonObject stop = c.launch(Map.of("program", Programs.compile("dap_basic.c").toString(), "stopOnEntry", true));
            List<String> second = new CopyOnWriteArrayList<>();
            session.connect(second::add);
            Eventually.holds("the replayed stop", () -> !second.isEmpty());
            JsonObject replayed = JsonParser.parseString(second.get(0)).getAsJsonObject();
            assertEquals("stopped", replayed.get("event").getAsString());
            assertEquals(stop.get("threadId"), replayed.getAsJsonObject("body").get("threadId"));
            // After the end, a new client learns that it ended.
            session.connect(c::onMessage);
            int m = c.mark();
            c.request("continue", Map.of("threadId", stop.get("threadId").getAsInt()));
            c.event("terminated", m, e -> true);
            List<String> third = new CopyOnWriteArrayList<>();
            session.connect(third::add);
            Eventually.holds("the replay of the end", () -> third.size() >= 2);
            assertEquals(List.of("exited", "terminated"), third.stream()
                    .map(t -> JsonParser.parseString(t).getAsJsonObject().get("event").getAsString()).toList());
        } finally {
            session.close();
        }
    }

    @Test
    void aDisconnectedSessionSaysItIsEndingBeforeItsAnswerArrives() throws Exception {
        DapSession session = DapSession.create(DapSessionOptions.defaults());
        try {
            java.util.concurrent.CompletableFuture<Boolean> endingAtAnswer = new java.util.concurrent.CompletableFuture<>();
            session.connect(m -> {
                if (m.contains("\"command\":\"disconnect\"")) endingAtAnswer.complete(session.isEnding());
            });
            session.receive("{\"seq\":1,\"type\":\"request\",\"command\":\"initialize\",\"arguments\":{\"adapterID\":\"t\"}}");
            assertFalse(session.isEnding());
            session.receive("{\"seq\":2,\"type\":\"request\",\"command\":\"disconnect\",\"arguments\":{}}");
            // A web server deciding where a new page goes must already see it (the close runs later).
            assertTrue(endingAtAnswer.get(10, TimeUnit.SECONDS));
        } finally {
            session.close();
        }
    }

    @Test
    void anInstructionStepsAnswerAndItsStoppedEventLeaveInOneFlush() {
        DapSession session = DapSession.create(DapSessionOptions.defaults()).quickStopWait(java.time.Duration.ofSeconds(10));
        try {
            List<String> wire = new CopyOnWriteArrayList<>();
            DapTestClient c = new DapTestClient() {
                {
                    wire(session::receive, () -> { });
                }
            };
            session.connect(new dev.hindsight.dap.protocol.MessageSink() {
                @Override
                public void accept(String json) {
                    wire.add(json);
                    c.onMessage(json);
                }

                @Override
                public void flush() {
                    wire.add("FLUSH");
                }
            });
            JsonObject stop = c.launch(Map.of("program", Programs.compile("dap_basic.c").toString(), "stopOnEntry", true));
            int tid = stop.get("threadId").getAsInt();
            int from = wire.size();
            c.step("stepIn", tid, "instruction");
            // Copies: the session may still be writing (a FLUSH) while we look.
            List<String> sent = afterIndex(wire, from);
            int answer = indexOf(sent, "\"command\":\"stepIn\"");
            int stopped = indexOf(sent, "\"event\":\"stopped\"");
            assertTrue(answer >= 0 && stopped > answer, sent.toString());
            assertFalse(sent.subList(answer, stopped).contains("FLUSH"), "held until the stop: " + sent);
            Eventually.holds("a flush after the stopped event: " + sent, () -> afterIndex(wire, from + stopped).contains("FLUSH"));
        } finally {
            session.close();
        }
    }

    @Test
    void requestsAnsweredFromTheStopAndEditorsStepsRunOnTheTransportsThreadWhenTheSessionIsIdle() {
        DapSession session = DapSession.create(DapSessionOptions.defaults());
        try {
            Map<String, String> answeredOn = new java.util.concurrent.ConcurrentHashMap<>();
            DapTestClient c = new DapTestClient() {
                {
                    wire(session::receive, () -> { });
                }
            };
            session.connect(json -> {
                JsonObject m = JsonParser.parseString(json).getAsJsonObject();
                if (m.get("type").getAsString().equals("response")) answeredOn.put(m.get("command").getAsString(), Thread.currentThread().getName());
                c.onMessage(json);
            });
            JsonObject stop = c.launch(Map.of("program", Programs.compile("dap_basic.c").toString(), "stopOnEntry", true));
            int tid = stop.get("threadId").getAsInt();
            // This client reads each answer as it is sent, before the session's thread has quite finished.
            Eventually.holds("the session goes idle", session::idle);
            int frame = c.topFrame(tid).get("id").getAsInt();
            Eventually.holds("the session goes idle", session::idle);
            int registers = c.scope(frame, "Registers");
            Eventually.holds("the session goes idle", session::idle);
            c.variables(registers);
            String here = Thread.currentThread().getName();
            // A wake-up of the session's thread per request was a quarter of a warm round trip.
            for (String command : List.of("stackTrace", "scopes", "variables")) {
                assertEquals(here, answeredOn.get(command), command + " answered on " + answeredOn);
            }
            // launch waits for the client's runInTerminal answer, which that thread must read.
            assertTrue(answeredOn.get("launch").startsWith("dap-session-"), "launch on " + answeredOn);
            Eventually.holds("the session goes idle", session::idle);
            c.step("stepIn", tid, "instruction");
            assertEquals(here, answeredOn.get("stepIn"), "an editor's step on " + answeredOn);
            // A client of stopState (the web page) sends it right behind each step: the step waits
            // for its stop on the session's thread while the stopState is read.
            Eventually.holds("the session goes idle", session::idle);
            c.request("stopState", Map.of("levels", 1));
            Eventually.holds("the session goes idle", session::idle);
            c.step("stepIn", tid, "instruction");
            assertTrue(answeredOn.get("stepIn").startsWith("dap-session-"), "the page's step on " + answeredOn);
        } finally {
            session.close();
        }
    }

    private static List<String> afterIndex(List<String> growing, int from) {
        List<String> now = List.copyOf(growing);
        return now.subList(from, now.size());
    }

    private static int indexOf(List<String> messages, String part) {
        for (int i = 0; i < messages.size(); i++) if (messages.get(i).contains(part)) return i;
        return -1;
    }

    @Test
    void cancelAnswersAWaitingRequest() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.initialize();
            // The launch compiles for a while; the stackTrace queued behind it is cancelled before it runs.
            int launch = c.send("launch", Map.of("program", Programs.source("dap_basic.c").toString(), "stopOnEntry", true));
            int waiting = c.send("threads", null);
            int cancel = c.send("cancel", Map.of("requestId", waiting));
            // DAP: the cancel request succeeds; the cancelled one ends with success false and message "cancelled".
            JsonObject cancelled = c.response(cancel);
            assertEquals("response", cancelled.get("type").getAsString());
            assertEquals(cancel, cancelled.get("request_seq").getAsInt());
            assertEquals("cancel", cancelled.get("command").getAsString());
            assertTrue(cancelled.get("success").getAsBoolean(), cancelled.toString());
            JsonObject r = c.response(waiting);
            assertEquals(waiting, r.get("request_seq").getAsInt());
            assertEquals("threads", r.get("command").getAsString());
            assertFalse(r.get("success").getAsBoolean(), r.toString());
            assertEquals("cancelled", r.get("message").getAsString());
            JsonObject launched = c.response(launch);
            assertEquals("launch", launched.get("command").getAsString());
            assertTrue(launched.get("success").getAsBoolean(), launched.toString());
            c.request("configurationDone", null);
            assertEquals("entry", c.stopped(0).get("reason").getAsString(), "the launch itself went on");
        }
    }

    @Test
    void severalSourceFilesIntelSyntaxAndWarnings() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            JsonObject stop = c.launch(Map.of("sourceFiles", List.of(Programs.source("dap_multi_main.c").toString(),
                    Programs.source("dap_multi_helper.c").toString()), "stopOnEntry", true, "disassemblyFlavor", "intel",
                    "compilerArgs", List.of("-Wall")));
            int tid = stop.get("threadId").getAsInt();
            // clang -O0 opens every function with the frame-pointer prologue; Intel's manual spells it
            // "push rbp" / "mov rbp, rsp" (AT&T: "push %rbp" / "mov %rsp,%rbp"). Main's own
            // address comes from evaluating &main, printed as gdb does: (int (*)(void)) 0x… <main>.
            String pointer = c.request("evaluate", Map.of("expression", "&main", "frameId",
                    c.topFrame(tid).get("id").getAsInt())).get("result").getAsString();
            java.util.regex.Matcher hex = java.util.regex.Pattern.compile("0x[0-9a-f]+ <main>").matcher(pointer);
            assertTrue(hex.find(), pointer);
            String main = hex.group().split(" ")[0];
            var insns = c.request("disassemble", Map.of("memoryReference", main, "instructionCount", 2))
                    .getAsJsonArray("instructions");
            assertEquals("push rbp", insns.get(0).getAsJsonObject().get("instruction").getAsString().strip());
            assertEquals("mov rbp, rsp", insns.get(1).getAsJsonObject().get("instruction").getAsString().strip());
            c.request("setFunctionBreakpoints", Map.of("breakpoints", List.of(Map.of("name", "helper"))));
            c.continueToStop(tid);
            assertEquals(Programs.line("dap_multi_helper.c", "helper"), c.topFrame(tid).get("line").getAsInt());
        }
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", Programs.source("dap_warning.c").toString(), "compilerArgs", List.of("-Wall")));
            c.exited();
            JsonObject d = c.event("output", 0, e -> e.getAsJsonObject("body").has("data")).getAsJsonObject("body");
            assertEquals("warning", d.getAsJsonObject("data").get("severity").getAsString());
            assertEquals(Programs.line("dap_warning.c", "warning"), d.get("line").getAsInt());
        }
    }

    @Test
    void continueAfterTheEndIsRefused() {
        try (DapTestClient c = DapTestClient.inProcess()) {
            c.launch(Map.of("program", Programs.compile("dap_basic.c").toString()));
            c.event("terminated");
            assertTrue(c.error("continue", Map.of("threadId", 1)).contains("ended"));
            assertEquals(0, c.request("threads", null).getAsJsonArray("threads").size());
        }
    }
}
