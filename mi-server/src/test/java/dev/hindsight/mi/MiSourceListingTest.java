package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.tracer.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** Console {@code list} in its forms, before and after a stop, in lockstep with gdb 13 (the console text compared). */
class MiSourceListingTest {
    @Test
    void listMatchesGdb() throws Exception {
        int scale = Fixtures.line("lockstep.c", "scale");
        new Lockstep()
                .console("list " + scale)
                .console("list")
                .console("list fib")
                .console("list lockstep.c:" + (scale - 10))
                .console("list -")
                .console("list 2,4")
                // past the end of the file: gdb's error, and after it the end of the file again
                .console("list 1000")
                .console("list " + scale + ",1000")
                .console("list")
                .cmd("-break-insert lockstep.c:" + scale)
                .exec("-exec-run")
                // after a stop: centred on the stop's line, then on
                .console("list")
                .console("-interpreter-exec console \"list\"")
                .console("list -")
                .run(Fixtures.compile("lockstep.c"));
    }
}
