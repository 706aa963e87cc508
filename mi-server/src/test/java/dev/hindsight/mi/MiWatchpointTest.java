package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.tracer.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * {@code -break-watch} (write, {@code -a} access, {@code -r} read) in lockstep with gdb 13 on
 * watch.c: the answers, the breakpoint list, and each trigger's reason, watchpoint, old/new or
 * read value, frame and console text, with several watchpoints on the same and other variables.
 */
class MiWatchpointTest {
    @Test
    void writeAccessAndReadWatchpointsMatchGdb() throws Exception {
        new Lockstep()
                .cmd("-break-insert main")
                .exec("-exec-run")
                .cmd("-break-watch counter", r -> r.get("wpt"))
                .cmd("-break-watch -a other", r -> r.get("hw-awpt"))
                .cmd("-break-watch -r counter", r -> r.get("hw-rwpt"))
                .cmd("-break-watch nosuch", r -> r.get("msg"))
                .cmd("-break-list", r -> r.get("BreakpointTable.body"))
                // other = 1 (access, a write), counter read then written in bump, other = 2
                .execText("-exec-continue")
                .cmd("-var-create - * other", r -> r.get("value")) // the stop's values are the program's
                .execText("-exec-continue")
                .execText("-exec-continue")
                .execText("-exec-continue")
                .cmd("-break-delete 3 4")
                .execText("-exec-continue")
                .cmd("-break-list", r -> r.get("BreakpointTable.body"))
                .cmd("-break-delete 2")
                .exec("-exec-continue")
                .run(Fixtures.compile("watch.c"));
    }
}
