package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Commands;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * File and line at libc's addresses equal gdb's {@code info line *ADDR} in the same running
 * program: Debian's libc6-dbg has DWARF 5 line tables with a relative compilation directory
 * ({@code ./libio}) and gcc's runs of rows at one address, statement and not. The program's own
 * code, built by each compiler, is compared the same way.
 */
class LibcLinesOracleTest {
    /** Exported by libc (so both debuggers find them in its dynamic symbols); strlen's is its ifunc resolver. */
    private static final String LIBC = "puts _IO_printf strlen __libc_malloc getenv qsort";
    private static final int SPAN = 160, STEP = 3;
    private static final Pattern GDB_LINE = Pattern.compile("^Line (\\d+) of \"([^\"]+)\"");
    private static final Pattern GDB_ADDRESS = Pattern.compile("^@@ (0x[0-9a-f]+)$");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "'', " + LIBC,
            "'', main add",
            "gcc, main add",
            "gcc -O2, main add",
            "clang-19 -O2, main add",
    })
    void fileAndLineMatchGdb(String flags, String functions) throws Exception {
        Path exe = Fixtures.compileSpec("hello.c", flags);
        List<Long> pcs = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        try (Target t = Target.launch(LaunchSpec.of(exe).withEnvironment(List.of("LANG=C", "PATH=/usr/bin:/bin")))) {
            // At main (whatever the optimizer made of its lines) libc is loaded, in both debuggers.
            t.breakpoints().add(t.symbols().addressOf("main").orElseThrow());
            stopped(t.execution().resume());
            for (String f : functions.split(" ")) {
                long start = t.symbols().addressOf(f).orElseThrow(() -> new AssertionError("no symbol " + f));
                for (long pc = start; pc < start + SPAN; pc += STEP) {
                    pcs.add(pc);
                    ours.add(t.symbols().sourceAt(pc).map(p -> p.line().file() + ":" + p.line().line()).orElse("no line"));
                }
            }
        }
        List<String> gdb = gdbLines(exe, pcs);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < pcs.size(); i++) {
            if (!gdb.get(i).equals(ours.get(i))) {
                mismatches.add("0x" + Long.toHexString(pcs.get(i)) + " gdb " + gdb.get(i) + ", ours " + ours.get(i));
            }
        }
        assertEquals(List.of(), mismatches.subList(0, Math.min(15, mismatches.size())), mismatches.size() + " of " + pcs.size() + " differ");
        // Not a comparison of nothing: some pcs of each function have lines (an optimized main is a few instructions).
        long withLines = gdb.stream().filter(l -> !l.equals("no line")).count();
        assertTrue(withLines >= 3L * functions.split(" ").length, withLines + " pcs with lines: " + gdb);
    }

    /** gdb's file and line for each pc, ASLR off as Hindsight launches, stopped at the same instruction breakpoint. */
    private static List<String> gdbLines(Path exe, List<Long> pcs) {
        List<String> cmd = new ArrayList<>(List.of("env", "-i", "LANG=C", "PATH=/usr/bin:/bin", "gdb", "-nx", "-batch",
                "-ex", "set debuginfod enabled off", "-ex", "set filename-display relative",
                "-ex", "break *main", "-ex", "run"));
        for (long pc : pcs) {
            cmd.addAll(List.of("-ex", "echo @@ 0x" + Long.toHexString(pc) + "\\n", "-ex", "info line *0x" + Long.toHexString(pc)));
        }
        cmd.addAll(List.of("-ex", "kill", exe.toString()));
        String out = Commands.output(cmd);
        List<String> lines = new ArrayList<>();
        String pending = null;
        for (String line : out.split("\n")) {
            Matcher a = GDB_ADDRESS.matcher(line);
            Matcher l = GDB_LINE.matcher(line);
            if (a.find()) {
                if (pending != null) lines.add("no line");
                pending = a.group(1);
            } else if (l.find() && pending != null) {
                lines.add(l.group(2) + ":" + l.group(1));
                pending = null;
            }
        }
        if (pending != null) lines.add("no line");
        assertEquals(pcs.size(), lines.size(), "gdb answered every pc:\n" + out);
        return lines;
    }
}
