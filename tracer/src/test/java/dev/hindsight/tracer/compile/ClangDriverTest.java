package dev.hindsight.tracer.compile;

import dev.hindsight.tracer.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real clang 14 against the compile_* fixtures; built programs are run to prove they work. */
class ClangDriverTest {
    private final ClangDriver driver = new ClangDriver();
    private SessionDirectory session;

    @BeforeEach
    void openSession(@TempDir Path base) throws Exception {
        session = SessionDirectory.create(Map.of("HINDSIGHT_TMPDIR", base.toString())::get);
    }

    @AfterEach
    void closeSession() {
        session.close();
    }

    private CompileResult build(List<String> flags, String... fixtures) {
        List<Path> sources = java.util.Arrays.stream(fixtures).map(Fixtures::source).toList();
        return driver.compile(CompileRequest.of(sources, flags, session.path()));
    }

    static int run(Path executable) throws Exception {
        Process p = new ProcessBuilder(executable.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "program did not exit");
        return p.exitValue();
    }

    private static void assertBuilt(CompileResult result) {
        assertTrue(result.success(), () -> result.output() + result.diagnostics());
        assertEquals(List.of(), result.errors());
    }

    @Test
    void cProgramBuildsAndRuns() throws Exception {
        CompileResult result = build(List.of(), "compile_value.c");
        assertBuilt(result);
        assertEquals(session.path().resolve("compile_value"), result.executable().orElseThrow());
        assertEquals(3, run(result.executable().orElseThrow()));
        assertTrue(result.duration().toNanos() > 0);
    }

    @Test
    void userFlagsComeAfterDefaultsAndReachTheCompiler() throws Exception {
        CompileResult result = build(List.of("-DVALUE=7", "-O2"), "compile_value.c");
        assertBuilt(result);
        assertEquals(7, run(result.executable().orElseThrow()));
        List<String> command = driver.command(CompileRequest.of(List.of(Fixtures.source("compile_value.c")),
                List.of("-O2"), session.path()));
        assertTrue(command.indexOf("-O2") > command.indexOf("-O0"), command.toString());
    }

    @Test
    void cxxProgramLinksTheCxxRuntime() throws Exception {
        CompileResult result = build(List.of(), "compile_vector.cpp");
        assertBuilt(result);
        assertEquals(10, run(result.executable().orElseThrow()));
    }

    @Test
    void mixedCAndCxxSourcesLinkWithClangxx() throws Exception {
        CompileRequest request = CompileRequest.of(List.of(Fixtures.source("compile_mixed_helper.c"),
                Fixtures.source("compile_mixed_main.cpp")), List.of(), session.path());
        assertEquals("clang++", driver.command(request).get(0));
        CompileResult result = driver.compile(request);
        assertBuilt(result);
        assertEquals(6, run(result.executable().orElseThrow()));
    }

    @Test
    void assemblyWithStartIsFreestandingAndRuns() throws Exception {
        CompileResult result = build(List.of(), "compile_start.s");
        assertBuilt(result);
        assertTrue(driver.command(CompileRequest.of(List.of(Fixtures.source("compile_start.s")), List.of(),
                session.path())).containsAll(ClangDriver.FREESTANDING_FLAGS));
        assertEquals(42, run(result.executable().orElseThrow()));
    }

    @Test
    void assemblyMainLinksAgainstLibc() throws Exception {
        CompileResult result = build(List.of(), "compile_main.s");
        assertBuilt(result);
        assertFalse(driver.command(CompileRequest.of(List.of(Fixtures.source("compile_main.s")), List.of(),
                session.path())).contains("-nostdlib"));
        assertEquals(5, run(result.executable().orElseThrow()));
    }

    @Test
    void syntaxErrorHasExactLocation() {
        CompileResult result = build(List.of(), "compile_syntax_error.c");
        assertFalse(result.success());
        assertTrue(result.executable().isEmpty());
        Diagnostic error = result.errors().get(0);
        assertEquals(Fixtures.source("compile_syntax_error.c").toString(), error.file());
        assertEquals(3, error.line());
        assertEquals(17, error.column());
        assertEquals(Severity.ERROR, error.severity());
        assertEquals("expected expression", error.message());
    }

    @Test
    void warningOnlyBuildSucceedsWithAWarning() throws Exception {
        CompileResult result = build(List.of(), "compile_warning.c");
        assertBuilt(result);
        Diagnostic warning = result.warnings().get(0);
        assertEquals(Severity.WARNING, warning.severity());
        assertEquals(Fixtures.source("compile_warning.c").toString(), warning.file());
        assertEquals(4, warning.line());
        assertTrue(warning.message().contains("-Wreturn-type"), warning.message());
        assertEquals(0, run(result.executable().orElseThrow()));
    }

    @Test
    void linkErrorIsAttributedToSourceAndFunction() {
        CompileResult result = build(List.of(), "compile_link_error.c");
        assertFalse(result.success());
        Diagnostic undefined = result.errors().get(0);
        assertEquals(Fixtures.source("compile_link_error.c").toString(), undefined.file());
        assertEquals(4, undefined.line()); // ld reads the line from the -g debug info
        assertEquals(0, undefined.column());
        assertEquals("main", undefined.function());
        assertTrue(undefined.message().contains("undefined reference to `not_defined_anywhere'"), undefined.message());
    }

    @Test
    void linkErrorWithoutDebugInfoStillNamesTheSource() {
        CompileResult result = build(List.of("-g0"), "compile_link_error.c");
        Diagnostic undefined = result.errors().get(0);
        assertEquals(Fixtures.source("compile_link_error.c").toString(), undefined.file());
        assertEquals(0, undefined.line());
        assertEquals("main", undefined.function());
    }

    @Test
    void errorInIncludedHeaderPointsAtTheHeader() {
        CompileResult result = build(List.of(), "compile_include_error.c");
        assertFalse(result.success());
        Diagnostic error = result.errors().get(0);
        assertEquals(Fixtures.source("compile_include_error.h").toString(), error.file());
        assertEquals(2, error.line());
        assertEquals(2, error.column());
        assertEquals("this header refuses to be included", error.message());
        assertEquals(List.of(Fixtures.source("compile_include_error.c") + ":1"), error.includedFrom());
    }

    @Test
    void sourceTextIsWrittenIntoTheSession() throws Exception {
        CompileRequest request = CompileRequest.ofText("prog.c", "int main(void) { return 9; }\n", List.of(),
                session, Duration.ofSeconds(60));
        CompileResult result = driver.compile(request);
        assertBuilt(result);
        assertEquals(session.path().resolve("prog"), result.executable().orElseThrow());
        assertEquals(9, run(result.executable().orElseThrow()));
    }

    @Test
    void missingCompilerIsAClearFailureNotAnException() {
        ClangDriver missing = new ClangDriver("hindsight-no-such-clang", "hindsight-no-such-clang++");
        CompileResult result = missing.compile(CompileRequest.of(List.of(Fixtures.source("compile_value.c")),
                List.of(), session.path()));
        assertFalse(result.success());
        assertEquals(Severity.FATAL, result.errors().get(0).severity());
        assertTrue(result.errors().get(0).message().contains("install"), result.errors().get(0).message());
    }

    /** Killed, not waited for: a compile that hung would fail at the test's own (far longer) timeout. */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void compilerBlockedOnAFifoIsKilledAtTheTimeout() throws Exception {
        Path fifo = session.path().resolve("never-written");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        CompileRequest request = CompileRequest.ofText("blocked.c",
                "#include \"" + fifo + "\"\nint main(void) { return 0; }\n", List.of(), session, Duration.ofMillis(700));
        CompileResult result = driver.compile(request);
        assertFalse(result.success());
        Diagnostic last = result.diagnostics().get(result.diagnostics().size() - 1);
        assertEquals(Severity.FATAL, last.severity());
        assertTrue(last.message().contains("timed out"), last.message());
        assertTrue(ProcessHandle.current().descendants().noneMatch(p -> p.info().command()
                .map(c -> c.contains("clang")).orElse(false)), "a clang process survived");
    }

    @Test
    void outputIsKeptVerbatim() {
        CompileResult result = build(List.of(), "compile_syntax_error.c");
        assertTrue(result.output().contains("compile_syntax_error.c:3:17: error: expected expression"),
                new String(result.output().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
