package dev.hindsight.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gdb's command line as front ends pass it, through bin/hindsight-gdb and GdbMain. */
class MiCommandLineTest {
    /** The repository root (tests run in tracer/, see the pom). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static String run(List<String> cmd, String path) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (path != null) pb.environment().put("PATH", path);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /**
     * cdt-gdb-adapter runs {@code gdb --version} on every launch and reads the version with this
     * pattern (needs at least 8.0). Answered by the shell script alone: with a PATH that has a
     * shell and coreutils but no java and no mvn, it still answers.
     */
    @Test
    void versionIsAnsweredWithoutAJvmInTheFormFrontEndsParse(@TempDir Path bin) throws Exception {
        for (String tool : List.of("bash", "sh", "dirname", "readlink", "printf")) {
            Path real = Path.of("/usr/bin", tool);
            if (!Files.exists(real)) real = Path.of("/bin", tool);
            Files.createSymbolicLink(bin.resolve(tool), real);
        }
        String out = run(List.of(ROOT.resolve("bin/hindsight-gdb").toString(), "--version"), bin.toString());
        String first = out.lines().findFirst().orElse("");
        assertEquals("GNU gdb (Hindsight 0.1.0) 13.1", first);
        Matcher m = Pattern.compile(" gdb( \\(.*?\\))? (\\D* )*\\(?(\\d*(\\.\\d*)*)").matcher(first);
        assertTrue(m.find(), first);
        assertEquals("13.1", m.group(3));
    }

    /**
     * {@code -ex} and {@code -x} commands run at start, in order; {@code --args} passes the
     * program's arguments; {@code --batch} exits after; {@code --tty} is accepted.
     */
    @Test
    void exCommandsArgsAndBatch(@TempDir Path tmp) throws Exception {
        Path hello = Fixtures.compile("hello.c");
        Path script = tmp.resolve("commands.gdb");
        Files.writeString(script, "# a command file\nbt\n");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.hindsight.mi.GdbMain", "-i=mi", "-q", "-nx", "--batch",
                "--tty=/dev/null", "-iex", "set pagination off", "-ex", "break add", "-ex", "run", "-x", script.toString(),
                "--args", hello.toString(), "one", "two words"));
        String out = run(cmd, null);
        assertTrue(out.contains("~\"Breakpoint 1, add (a=0, b=0) at " + Fixtures.source("hello.c") + ":"), out);
        assertTrue(out.contains("main (argc=3, argv="), "argc counts the program and its two arguments: " + out);
        assertTrue(out.contains("*stopped,reason=\"breakpoint-hit\""), out);
    }

    /** Without --interpreter: gdb's plain console, its output as text, {@code quit} ends it. */
    @Test
    void plainConsoleWithoutAnInterpreter() throws Exception {
        Path hello = Fixtures.compile("hello.c");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.hindsight.mi.GdbMain", "-q", hello.toString());
        Process p = pb.redirectErrorStream(true).start();
        p.getOutputStream().write("break add\nrun\nprint a + b\nquit\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out");
        assertEquals(0, p.exitValue(), out);
        String src = Fixtures.source("hello.c").toString();
        int line = Fixtures.line("hello.c", "add");
        assertEquals("Reading symbols from " + hello + "...\n"
                + "(gdb) Breakpoint 1 at 0xADDR: file " + src + ", line " + line + ".\n"
                + "(gdb) \nBreakpoint 1, add (a=0, b=0) at " + src + ":" + line + "\n"
                + line + "\t    return a + b; // BREAK: add\n"
                + "(gdb) $1 = 0\n"
                + "(gdb) ", out.replaceAll("0x[0-9a-f]+: file", "0xADDR: file"));
    }
}
