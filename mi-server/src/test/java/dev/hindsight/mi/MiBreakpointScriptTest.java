package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A breakpoint's {@code script} in lockstep with gdb 13, started with each MI version: gdb writes
 * it in braces for MI2 and MI3 and as a list for MI4 and plain {@code mi}, in {@code -break-insert}'s
 * and {@code -dprintf-insert}'s answers, {@code -break-list}, {@code =breakpoint-created} (the
 * console's {@code dprintf}) and {@code =breakpoint-modified}. {@code -break-commands} sets (and,
 * without commands, clears) it, with gdb's errors, and its commands run after the stop. The parsed
 * records cannot tell braces from brackets, so each record's raw {@code script=…} text is compared.
 */
class MiBreakpointScriptTest {
    private static final String FIXTURE = "lockstep.c";
    private static final Pattern SCRIPT = Pattern.compile("script=(\\[.*?\\]|\\{.*?\\}),original-location");

    /** Every {@code script=…} of the records, as written, and the result's class and message. */
    private static Object scripts(List<MiRecord> rs) {
        List<String> out = new ArrayList<>();
        for (MiRecord r : rs) {
            Matcher m = SCRIPT.matcher(r.line());
            while (m.find()) out.add(r.kind() + r.cls() + ":" + m.group(1));
        }
        MiRecord last = rs.get(rs.size() - 1);
        return List.of(out, last.cls(), String.valueOf(last.get("msg")));
    }

    /**
     * The run's distinct scripts (gdb re-announces its breakpoints as libraries load, so the
     * records are not counted) and the stop.
     */
    private static Object run(List<MiRecord> rs) {
        java.util.TreeSet<String> seen = new java.util.TreeSet<>();
        MiRecord stopped = null;
        for (MiRecord r : rs) {
            Matcher m = SCRIPT.matcher(r.line());
            while (m.find()) seen.add(r.kind() + r.cls() + ":" + m.group(1));
            if (r.kind() == '*' && r.cls().equals("stopped")) stopped = r;
        }
        return List.of(seen, stopped == null ? "no stop" : List.of(stopped.get("reason"), stopped.get("bkptno"), stopped.get("frame.func")));
    }

    /** What the breakpoint's commands printed after the stop (read with the next command's records). */
    private static Object printed(List<MiRecord> rs) {
        StringBuilder text = new StringBuilder();
        for (MiRecord r : rs) if (r.kind() == '~') text.append(r.text());
        return List.of(text.toString(), rs.get(rs.size() - 1).cls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mi", "mi2", "mi3", "mi4"})
    void writtenAsEachMiVersionWritesIt(String version) throws Exception {
        java.nio.file.Path program = Fixtures.compile(FIXTURE);
        String copied = FIXTURE + ":" + Fixtures.line(FIXTURE, "copied");
        new Lockstep()
                .step("-gdb-set startup-with-shell off", false, MiBreakpointScriptTest::scripts)
                .step("-inferior-tty-set /dev/null", false, MiBreakpointScriptTest::scripts)
                .step("-break-insert main", false, MiBreakpointScriptTest::scripts)
                .step("-break-commands 1 \"print 1\" \"print argc\"", false, MiBreakpointScriptTest::scripts)
                .step("-break-commands", false, MiBreakpointScriptTest::scripts)
                .step("-break-commands 99 \"print 1\"", false, MiBreakpointScriptTest::scripts)
                .step("-break-commands x", false, MiBreakpointScriptTest::scripts)
                .step("-dprintf-insert scale \"k=%d\\n\" k", false, MiBreakpointScriptTest::scripts)
                .step("-interpreter-exec console \"dprintf " + copied + ",\\\"n=%d\\\\n\\\", argc\"", false, MiBreakpointScriptTest::scripts)
                .step("-break-list", false, MiBreakpointScriptTest::scripts)
                .step("-exec-run", true, MiBreakpointScriptTest::run)
                .step("-break-commands 3", false, MiBreakpointScriptTest::printed)
                .step("-break-list", false, MiBreakpointScriptTest::scripts)
                .runAs(List.of("-nx", "-q", "--interpreter=" + version, program.toString()));
    }

    /** The stop's records and the console's text, up to the commands' output (read with the next command). */
    private static Object stopAndText(List<MiRecord> rs) {
        List<String> out = new ArrayList<>();
        for (MiRecord r : rs) {
            if (r.kind() == '*' || r.kind() == '~' && !r.text().startsWith("[Thread debugging") && !r.text().startsWith("Using host libthread_db")) {
                out.add(r.line());
            }
        }
        return out;
    }

    /** gdb's {@code silent}: a bare {@code *stopped}, no console lines for the stop, then the other commands' output. */
    @org.junit.jupiter.api.Test
    void silentStopsWithoutWords() throws Exception {
        new Lockstep()
                .cmd("-gdb-set startup-with-shell off")
                .cmd("-inferior-tty-set /dev/null")
                .cmd("-break-insert -t main")
                .cmd("-break-commands 1 \"silent\" \"print 1\"")
                .step("-exec-run", true, MiBreakpointScriptTest::stopAndText)
                .step("-break-list", false, MiBreakpointScriptTest::stopAndText)
                .runAs(List.of("-nx", "-q", "--interpreter=mi3", Fixtures.compile(FIXTURE).toString()));
    }
}
