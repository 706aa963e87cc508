package dev.hindsight.dap.travel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hindsight.dap.DapSessionOptions;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Eventually;
import dev.hindsight.dap.testing.Programs;
import dev.hindsight.tracer.compile.SessionDirectory;
import dev.hindsight.tracer.confine.Confinement;
import dev.hindsight.tracer.confine.SandboxLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A launch with {@code "record": true} (the learner's page's Record switch): the program runs
 * recorded, with its output shown and its stdin fed as a live program's, then the run is indexed
 * and the session continues on the recording, announcing reverse execution. Confined as the web
 * server confines its sessions, since that is where the switch is. The values are the fixtures'
 * hand-known ones (see dap_travel_loop.c).
 */
@Timeout(600)
class RecordLaunchTest {
    /** Recording and indexing a short run takes seconds, more on a loaded machine. */
    static final Duration OPENED = Duration.ofSeconds(300);

    private static DapTestClient confined(Path root) throws Exception {
        return DapTestClient.inProcess(new DapSessionOptions(false, false, root,
                Confinement.create(SandboxLimits.DEFAULTS.withCpuSeconds(10), root)));
    }

    private Path root() throws Exception {
        Path root = Files.createTempDirectory("hindsight-record-launch-");
        roots.add(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        return root;
    }

    private static Map<String, Object> inline(String fixture) {
        return Map.of("sources", List.of(Map.of("name", fixture, "text", Programs.read(fixture))), "record", true, "stopOnEntry", true);
    }

    @Test
    void theRecordedRunOpensWithReverseExecutionAndStepsBackThroughTheLoop() throws Exception {
        Path root = root();
        try (DapTestClient dap = confined(root)) {
            dap.request("initialize", Map.of("clientID", "hindsight-tests", "adapterID", "hindsight", "linesStartAt1", true,
                    "columnsStartAt1", true, "supportsProgressReporting", true));
            int m = dap.mark();
            dap.request("launch", inline("dap_travel_loop.c"));
            dap.request("configurationDone", null);
            JsonObject capabilities = dap.event("capabilities", m, e -> true, OPENED);
            assertTrue(capabilities.getAsJsonObject("body").getAsJsonObject("capabilities").get("supportsStepBack").getAsBoolean());
            int thread = dap.stopped(m).get("threadId").getAsInt();
            assertTrue(dap.output("stdout").contains("half 8\ntotal 35\n"), "the recorded run's output was shown while it ran: " + dap.output("stdout"));
            assertTrue(dap.output("console").contains("Indexed"), dap.output("console"));
            // Confined, the recording still used the system-call buffer: its library readable in the sandbox, its filter over the confinement's.
            try (var files = Files.walk(root)) {
                List<Path> metas = files.filter(p -> p.getFileName().toString().equals("meta.properties")).toList();
                assertEquals(1, metas.size(), "one recording: " + metas);
                String meta = Files.readString(metas.get(0));
                assertTrue(meta.contains("\nsyscall.buffer=true\n") && meta.contains("\nconfinement.filter=confinement.bpf\n"), meta);
            }
            // A client that asked for progress events sees the recording's: started, updated, ended.
            String id = dap.event("progressStart", m, e -> e.getAsJsonObject("body").get("title").getAsString().startsWith("Recording"))
                    .getAsJsonObject("body").get("progressId").getAsString();
            dap.event("progressUpdate", m, e -> e.getAsJsonObject("body").get("progressId").getAsString().equals(id)
                    && e.getAsJsonObject("body").get("message").getAsString().startsWith("Indexed"));
            assertEquals("recorded and indexed", dap.event("progressEnd", m, e -> e.getAsJsonObject("body").get("progressId").getAsString().equals(id))
                    .getAsJsonObject("body").get("message").getAsString());

            String file = dap.topFrame(thread).getAsJsonObject("source").get("path").getAsString();
            int accumulate = Programs.line("dap_travel_loop.c", "accumulate");
            dap.request("setBreakpoints", Map.of("source", Map.of("path", file), "breakpoints", List.of(Map.of("line", accumulate))));
            assertEquals("breakpoint", dap.continueToStop(thread).get("reason").getAsString());
            assertEquals("breakpoint", dap.continueToStop(thread).get("reason").getAsString());
            assertEquals("1", total(dap, thread), "second iteration, before its addition");
            int r = dap.mark();
            dap.request("reverseContinue", Map.of("threadId", thread));
            assertEquals("breakpoint", dap.stopped(r).get("reason").getAsString());
            assertEquals(accumulate, dap.topFrame(thread).get("line").getAsInt());
            assertEquals("0", total(dap, thread), "back in the first iteration");
        } finally {
            SessionDirectory.deleteRecursively(root);
        }
    }

    @Test
    void theRecordedProgramReadsWhatTheClientWritesToItsStdin() throws Exception {
        Path root = root();
        try (DapTestClient dap = confined(root)) {
            dap.initialize();
            int m = dap.mark();
            dap.request("launch", Map.of("sources", List.of(Map.of("name", "dap_stdin.c", "text", Programs.read("dap_stdin.c"))),
                    "record", true));
            dap.request("configurationDone", null);
            dap.event("output", m, e -> e.getAsJsonObject("body").get("output").getAsString().contains("reading"), OPENED);
            assertTrue(dap.error("stackTrace", Map.of("threadId", 1)).contains("being recorded"));
            dap.request("writeStdin", Map.of("text", "first line\n"));
            dap.request("writeStdin", Map.of("eof", true));
            dap.event("capabilities", m, e -> true, OPENED);
            // Not stopping on entry: the recording runs to its end (where its history ends), replaying the
            // output at the instants it was written.
            dap.event("stopped", m, e -> true, OPENED);
            assertTrue(dap.output("console").contains("The recording ends here: the program exited with status 1"), dap.output("console"));
            String out = dap.output("stdout");
            assertTrue(out.contains("got: first line\neof after 1 lines\n"), out);
        } finally {
            SessionDirectory.deleteRecursively(root);
        }
    }

    @Test
    void anEndlessProgramIsStoppedWithAReasonAndTheSessionGoesOn() throws Exception {
        Path root = root();
        try (DapTestClient dap = confined(root)) {
            dap.initialize();
            int m = dap.mark();
            dap.request("launch", Map.of("sources", List.of(Map.of("name", "dap_endless.c", "text", Programs.read("dap_endless.c"))),
                    "record", true));
            dap.request("configurationDone", null);
            dap.event("terminated", m, e -> true, OPENED);
            String console = dap.output("console");
            assertTrue(console.contains("Cannot record the run: the program used more than 2 s of CPU time"), console + dap.eventNames());
            // The same session debugs the next program.
            int again = dap.mark();
            dap.request("launch", Map.of("sources", List.of(Map.of("name", "dap_travel_loop.c", "text", Programs.read("dap_travel_loop.c"))),
                    "stopOnEntry", true));
            dap.request("configurationDone", null);
            assertEquals("entry", dap.stopped(again).get("reason").getAsString());
        } finally {
            SessionDirectory.deleteRecursively(root);
        }
    }

    /** As the web page's sessions are: confined, and a program's stdio on a pseudo-terminal of the server's. */
    private static DapTestClient confinedOnTerminal(Path root) throws Exception {
        return DapTestClient.inProcess(new DapSessionOptions(false, false, root,
                Confinement.create(SandboxLimits.DEFAULTS.withCpuSeconds(10), root)).withProgramTerminal(true));
    }

    /** How long the recorded program may take to start and print (a compile and a sandbox on a loaded machine). */
    static final Duration PRINTED = Duration.ofSeconds(120);

    @Test
    void onATerminalTheRecordedPromptShowsBeforeInputAndTheReplayReadsTheSameLine() throws Exception {
        Path root = root();
        try (DapTestClient dap = confinedOnTerminal(root)) {
            dap.initialize();
            int m = dap.mark();
            dap.request("launch", inline("dap_prompt.c"));
            dap.request("configurationDone", null);
            // A prompt without a newline: on a pipe stdio would hold it until the program ends,
            // and the program waits for the input the prompt asks for.
            dap.event("output", m, e -> dap.output("stdout").contains("name? "), PRINTED);
            assertTrue(!dap.output("stdout").contains("hello"), dap.output("stdout"));
            dap.request("writeStdin", Map.of("text", "Ada\n"));
            dap.event("output", m, e -> dap.output("stdout").contains("hello"), PRINTED);
            // End of input on a terminal is typed (^D), not a closed pipe.
            dap.request("writeStdin", Map.of("eof", true));
            dap.event("capabilities", m, e -> true, OPENED);
            int thread = dap.stopped(m).get("threadId").getAsInt();
            // The terminal's line discipline: typed input echoed, CR LF line ends.
            assertTrue(dap.output("stdout").contains("name? Ada\r\nhello Ada (terminal 1)\r\nbye\r\n"), dap.output("stdout"));

            // The replay (no terminal at all) gives the program the recorded answers: isatty's, and the line read.
            String file = dap.topFrame(thread).getAsJsonObject("source").get("path").getAsString();
            int prompt = Programs.line("dap_prompt.c", "prompt"), greet = Programs.line("dap_prompt.c", "greet");
            dap.request("setBreakpoints", Map.of("source", Map.of("path", file),
                    "breakpoints", List.of(Map.of("line", prompt), Map.of("line", greet))));
            assertEquals(prompt, stopLine(dap, thread, "continue"));
            assertEquals("1", value(dap, thread, "terminal"));
            assertEquals(greet, stopLine(dap, thread, "continue"));
            assertTrue(value(dap, thread, "name").startsWith("\"Ada\""), value(dap, thread, "name"));
            assertEquals("1", value(dap, thread, "terminal"));
            // Back over the read, and forwards over it again: the same values.
            assertEquals(prompt, stopLine(dap, thread, "reverseContinue"));
            assertTrue(value(dap, thread, "name").startsWith("'\\000'"), value(dap, thread, "name"));
            assertEquals(greet, stopLine(dap, thread, "continue"));
            assertTrue(value(dap, thread, "name").startsWith("\"Ada\""), value(dap, thread, "name"));
        } finally {
            SessionDirectory.deleteRecursively(root);
        }
    }

    @Test
    void aRecordedProgramWaitingOnItsTerminalDiesWithTheSession() throws Exception {
        Path root = root();
        long masters = ptyMasters();
        try (DapTestClient dap = confinedOnTerminal(root)) {
            dap.initialize();
            int m = dap.mark();
            dap.request("launch", inline("dap_prompt.c"));
            dap.request("configurationDone", null);
            dap.event("output", m, e -> dap.output("stdout").contains("name? "), PRINTED);
            assertEquals(masters + 1, ptyMasters(), "the program's terminal is a pseudo-terminal whose master the server holds");
        } finally {
            SessionDirectory.deleteRecursively(root);
        }
        // The program, its sandbox (checked after each test) and the terminal's master go with the session.
        Eventually.holds("the terminal's master is closed", 10_000, () -> ptyMasters() == masters, this::ptyMasters);
    }

    /** Pseudo-terminal masters this JVM holds open. */
    private long ptyMasters() {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals("/dev/ptmx") || Files.readSymbolicLink(fd).toString().startsWith("/dev/pts/ptmx");
                } catch (java.io.IOException e) {
                    return false; // closed meanwhile
                }
            }).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int stopLine(DapTestClient dap, int thread, String command) {
        int m = dap.mark();
        dap.request(command, Map.of("threadId", thread));
        assertEquals("breakpoint", dap.stopped(m).get("reason").getAsString());
        return dap.topFrame(thread).get("line").getAsInt();
    }

    private static String value(DapTestClient dap, int thread, String expression) {
        int frame = dap.topFrame(thread).get("id").getAsInt();
        return dap.request("evaluate", Map.of("expression", expression, "frameId", frame, "context", "watch")).get("result").getAsString();
    }

    /** Every session directory made by the last test (processes of others running meanwhile are not ours). */
    private final List<Path> roots = new java.util.ArrayList<>();

    @AfterEach
    void nothingOfTheSessionIsLeftRunning() {
        Eventually.holds("no process of this test's sessions is left", 10_000, () -> ours().isEmpty(), this::ours);
    }

    /** Processes whose command line names one of this test's session directories (bwrap, the program, a replay). */
    private List<String> ours() {
        List<String> found = new java.util.ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    if (roots.stream().anyMatch(r -> cmd.contains(r.toString()))) found.add(p.getFileName() + ":" + cmd);
                } catch (java.io.IOException e) {
                    // gone meanwhile
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return found;
    }

    private static String total(DapTestClient dap, int thread) {
        int frame = dap.topFrame(thread).get("id").getAsInt();
        return dap.request("evaluate", Map.of("expression", "total", "frameId", frame, "context", "watch")).get("result").getAsString();
    }
}
