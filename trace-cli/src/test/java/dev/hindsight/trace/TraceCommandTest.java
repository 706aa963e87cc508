package dev.hindsight.trace;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hindsight trace} as a user runs it: a separate JVM, stdout and stderr kept apart. */
class TraceCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int status, List<String> stdout, String stderr) {}

    static Run trace(String... args) throws Exception {
        return trace(true, args);
    }

    /** Without the marker variable the program's environment, and so its stack, is gdb's. */
    static Run trace(boolean mark, String... args) throws Exception {
        return trace(mark ? java.util.Map.of("HINDSIGHT_MARK", "unchanged") : java.util.Map.of(), false, args);
    }

    /**
     * With {@code exact}, the command (and so the program) gets only {@code environment}: a
     * program whose stack must be the same as under {@code env -i … gdb}.
     */
    static Run trace(java.util.Map<String, String> environment, boolean exact, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TraceCommand.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (exact) pb.environment().clear();
        pb.environment().putAll(environment);
        Process p = pb.start();
        p.getOutputStream().close();
        var err = p.getErrorStream();
        var errText = new java.util.concurrent.CompletableFuture<String>();
        new Thread(() -> {
            try {
                errText.complete(new String(err.readAllBytes(), StandardCharsets.UTF_8));
            } catch (Exception e) {
                errText.completeExceptionally(e);
            }
        }).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "trace finished");
        return new Run(p.exitValue(), out.isEmpty() ? List.of() : List.of(out.split("\n")), errText.get(30, TimeUnit.SECONDS));
    }

    @Test
    void jsonStopsFromMainOfACompiledSource() throws Exception {
        Run r = trace(Fixtures.source("hello.c").toString(), "--json", "--steps", "20");
        assertEquals(0, r.status(), r.stderr());
        assertEquals(21, r.stdout().size(), "the stop at main and one per step");
        JsonNode first = JSON.readTree(r.stdout().get(0));
        assertEquals("main", first.get("symbol").asText());
        assertEquals(first.get("pc").asText(), first.get("regs").get("rip").asText());
        assertEquals("push %rbp", first.get("insn").asText());
        assertEquals(StopPrinter.JSON_REGISTERS.size(), first.get("regs").size());
        for (var it = first.get("regs").fields(); it.hasNext(); ) {
            var e = it.next();
            assertTrue(e.getKey().equals(e.getKey().toLowerCase()));
            assertTrue(e.getValue().asText().matches("0x[0-9a-f]+"), e.toString());
        }
        JsonNode second = JSON.readTree(r.stdout().get(1));
        assertEquals("main+1", second.get("symbol").asText());
        assertTrue(second.get("changed").toString().contains("rsp"), "push changed rsp");
    }

    @Test
    void programOutputGoesToStderrAndTheRunEndsWithTheProgram() throws Exception {
        Path exe = Fixtures.compile("hello.c");
        Run r = trace(exe.toString(), "--json");
        assertEquals(0, r.status(), r.stderr());
        assertTrue(r.stdout().size() > 1000, "stepped through printf: " + r.stdout().size());
        for (String line : r.stdout()) assertTrue(line.startsWith("{\"pc\":\"0x"), line);
        assertTrue(r.stderr().contains("hello 3"), r.stderr());
        assertTrue(r.stderr().contains("[program exited with code 0]"), r.stderr());
        assertTrue(r.stdout().stream().anyMatch(l -> l.contains("\"symbol\":\"printf\"")), "entered libc's printf");
    }

    @Test
    void textModeFromAChosenSymbol() throws Exception {
        Path exe = Fixtures.compile("hello.c", "-no-pie");
        Run r = trace(exe.toString(), "--from", "add", "--steps", "3");
        assertEquals(0, r.status(), r.stderr());
        assertEquals(4, r.stdout().size());
        assertTrue(r.stdout().get(0).startsWith(String.format("0x%x <add>", Nm.address(exe, "add"))), r.stdout().get(0));
        assertTrue(r.stdout().get(1).contains("<add+1>") && r.stdout().get(1).contains("rsp=0x"), r.stdout().get(1));
    }

    @Test
    void assemblyWithoutMainStartsAtTheEntryPointAndIntelSyntaxWorks() throws Exception {
        Run r = trace(Fixtures.source("lockstep.s").toString(), "--syntax", "intel", "--steps", "2", "--json");
        assertEquals(0, r.status(), r.stderr());
        JsonNode first = JSON.readTree(r.stdout().get(0));
        assertEquals("_start", first.get("symbol").asText());
        assertEquals("mov rcx, 0xa", first.get("insn").asText());
    }

    /**
     * README: {@code hindsight trace} runs the program with address-space randomisation off, and
     * {@code --aslr} turns it on. The first stop is main, whose address in a PIE moves only with
     * randomisation (by one of 2^28 page-aligned bases: two randomised runs practically never meet).
     */
    @Test
    void addressRandomisationIsOffUnlessAslrIsGiven() throws Exception {
        String pie = Fixtures.compile("hello.c", "-fPIE", "-pie").toString();
        String off1 = mainAt(trace(pie, "--steps", "0")), off2 = mainAt(trace(pie, "--steps", "0"));
        String on1 = mainAt(trace(pie, "--aslr", "--steps", "0")), on2 = mainAt(trace(pie, "--aslr", "--steps", "0"));
        assertEquals(off1, off2, "without --aslr every run puts main at the same address");
        assertNotEquals(on1, on2, "with --aslr each run puts main elsewhere");
        assertNotEquals(off1, on1);
    }

    /** The address of the first stop, which must be main. */
    private static String mainAt(Run r) {
        assertEquals(0, r.status(), r.stderr());
        String first = r.stdout().get(0);
        assertTrue(first.matches("0x[0-9a-f]+ <main>.*"), first);
        return first.substring(0, first.indexOf(' '));
    }

    @Test
    void programArgumentsAndEnvironmentArePassedUnchanged() throws Exception {
        Run r = trace(Fixtures.compile("echo_env.c").toString(), "--steps", "0", "--", "first", "second arg");
        assertEquals(0, r.status(), r.stderr());
        assertEquals(1, r.stdout().size());
        Run full = trace(Fixtures.compile("echo_env.c").toString(), "--json", "--", "first", "second arg");
        assertTrue(full.stderr().contains("arg:first\narg:second arg\n"), full.stderr());
        assertTrue(full.stderr().contains("env:HINDSIGHT_MARK=unchanged"), full.stderr());
        assertFalse(full.stderr().contains("env:LINES="), "nothing added, unlike gdb");
    }

    @Test
    void faultsAreReportedAndEndTheTrace() throws Exception {
        Run r = trace(Fixtures.compile("faults.c").toString(), "--", "segv");
        assertEquals(0, r.status(), r.stderr());
        assertTrue(r.stderr().contains("[program received SIGSEGV (Segmentation fault)"), r.stderr());
        assertTrue(r.stderr().contains("fault address 0x10"), r.stderr());
        assertTrue(r.stdout().get(r.stdout().size() - 1).contains("<write_bad_pointer+"), "last stop at the fault");
    }

    @Test
    void compileErrorsAreShownWithTheirPlace(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.c"), "int main(void) {\n  return nope;\n}\n");
        Run r = trace(bad.toString());
        assertEquals(1, r.status());
        assertTrue(r.stderr().contains(bad + ":2:10"), r.stderr());
        assertTrue(r.stderr().contains("nope"), r.stderr());
        assertTrue(r.stdout().isEmpty());
    }

    @Test
    void badCommandLinesAndMissingSymbols() throws Exception {
        Run unknown = trace("--frobnicate");
        assertEquals(2, unknown.status());
        assertTrue(unknown.stderr().contains("unknown option --frobnicate"));
        Run steps = trace("x", "--steps", "many");
        assertEquals(2, steps.status());
        Run noSymbol = trace(Fixtures.compile("hello.c").toString(), "--from", "no_such_function");
        assertEquals(1, noSymbol.status());
        assertTrue(noSymbol.stderr().contains("no symbol 'no_such_function'"), noSymbol.stderr());
        Run missing = trace("/nonexistent/program");
        assertEquals(1, missing.status());
        assertTrue(missing.stderr().contains("no such program"), missing.stderr());
    }
}
