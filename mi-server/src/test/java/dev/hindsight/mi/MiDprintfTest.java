package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * {@code -dprintf-insert} in lockstep with gdb 13: gdb's {@code bkpt} (type {@code dprintf}, its
 * {@code script} line), its errors, {@code -break-list}; a run through two dprintfs prints their
 * text on the console stream, each after its {@code =breakpoint-modified}, and stops only at the
 * ordinary breakpoint after them; the hit counts after.
 */
class MiDprintfTest {
    private static final String FIXTURE = "lockstep.c";

    private static Object whole(MiRecord r) {
        return r.results();
    }

    /** The body's breakpoints by number, type, times and script (addresses move with the load). */
    private static Object listed(MiRecord r) {
        StringBuilder out = new StringBuilder();
        for (Object o : (java.util.List<?>) r.get("BreakpointTable.body")) {
            java.util.Map<?, ?> b = (java.util.Map<?, ?>) ((java.util.Map<?, ?>) o).get("bkpt");
            out.append(java.util.List.of(b.get("number"), b.get("type"), b.get("disp"), b.get("line"), b.get("times"), String.valueOf(b.get("script"))));
        }
        return out.toString();
    }

    /**
     * The console text up to the stop (gdb's libthread_db lines left out: Hindsight has no thread
     * library to load) and where it stopped. gdb re-announces its breakpoints as libraries load, so
     * the =breakpoint-modified records are not counted; -break-list after shows the hits.
     */
    private static Object printedAndStop(java.util.List<MiRecord> rs) {
        StringBuilder text = new StringBuilder();
        MiRecord stopped = null;
        for (MiRecord r : rs) {
            if (r.kind() == '~' && !r.text().startsWith("[Thread debugging") && !r.text().startsWith("Using host libthread_db")) text.append(r.text());
            if (r.kind() == '*' && r.cls().equals("stopped")) stopped = r;
        }
        return java.util.List.of(text.toString(), stopped == null ? "no stop" : java.util.List.of(stopped.get("reason"), stopped.get("bkptno"), stopped.get("frame.line")));
    }

    @Test
    void printsAtEachHitAndGoesOn() throws Exception {
        new Lockstep().cmd("-gdb-set mi-async on")
                .cmd("-dprintf-insert scale \"k=%d x=%d\\n\" k p->x", MiDprintfTest::whole)
                .cmd("-dprintf-insert " + FIXTURE + ":" + Fixtures.line(FIXTURE, "copied") + " \"copy=%s n=%lu c=%c f=%5ld|%-4x|\\n\" copy sizeof(p) copy[0] f f",
                        MiDprintfTest::whole)
                .cmd("-dprintf-insert", MiDprintfTest::whole)
                .cmd("-dprintf-insert scale", MiDprintfTest::whole)
                .cmd("-break-insert " + FIXTURE + ":" + Fixtures.line(FIXTURE, "printed"))
                .cmd("-break-list", MiDprintfTest::listed)
                .step("-exec-run", true, MiDprintfTest::printedAndStop)
                .cmd("-break-list", MiDprintfTest::listed)
                .run(Fixtures.compile(FIXTURE));
    }

    /** The console's {@code dprintf LOCATION,"FORMAT",ARG…}: gdb's sentence, =breakpoint-created with the script as typed, its errors, its text at the hit. */
    @Test
    void fromTheConsole() throws Exception {
        new Lockstep().cmd("-gdb-set mi-async on")
                .console("dprintf " + FIXTURE + ":" + Fixtures.line(FIXTURE, "copied") + ",\"copy=%s f=%ld\\n\", copy, f")
                .console("dprintf")
                .console("dprintf scale")
                .cmd("-break-insert " + FIXTURE + ":" + Fixtures.line(FIXTURE, "printed"))
                .cmd("-break-list", MiDprintfTest::listed)
                .step("-exec-run", true, MiDprintfTest::printedAndStop)
                .run(Fixtures.compile(FIXTURE));
    }
}
