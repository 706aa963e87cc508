package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code -exec-run} again in the same session, in lockstep with gdb 13: over a stopped program
 * (killed and started anew) and after the program exited. gdb numbers the new program's thread 1
 * again (it starts its thread list afresh for each run) and tells of a breakpoint before
 * {@code ^running} only when its location changed, as on the first run when the executable is
 * relocated, not on the runs after.
 */
class MiRerunTest {
    /** Records gdb leaves to itself (its libraries, its thread library's words). */
    private static final Set<String> OWN = Set.of("library-loaded", "library-unloaded", "thread-group-added", "cmd-param-changed");

    /** The records in order, threads with their numbers, and the stop's thread. */
    private static Object records(List<MiRecord> rs) {
        List<String> seen = new ArrayList<>();
        for (MiRecord r : rs) {
            if ("=*^".indexOf(r.kind()) < 0 || OWN.contains(r.cls())) continue;
            String id = r.cls().startsWith("thread-") && !r.cls().startsWith("thread-group") ? " " + r.get("id") : "";
            if (r.cls().equals("stopped")) id = " " + r.get("reason") + " thread " + r.get("thread-id");
            seen.add(r.kind() + r.cls() + id);
        }
        return seen;
    }

    @Test
    void aSecondRunNumbersItsThreadOneAndLeavesUnchangedBreakpointsUntoldAsGdbDoes() throws Exception {
        new Lockstep()
                .cmd("-gdb-set mi-async on")
                .cmd("-break-insert main")
                .step("-exec-run", true, MiRerunTest::records)
                .step("-exec-run", true, MiRerunTest::records) // over the stopped program
                .step("-exec-continue", true, MiRerunTest::records) // to its exit
                .step("-exec-run", true, MiRerunTest::records) // after it exited
                .cmd("-thread-info", Lockstep.fields("threads.0.id", "current-thread-id"))
                .cmd("-break-list", r -> r.get("BreakpointTable.body.0.times"))
                .run(Fixtures.compile("hello.c"));
    }
}
