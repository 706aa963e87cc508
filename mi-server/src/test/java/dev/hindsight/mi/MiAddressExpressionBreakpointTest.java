package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.tracer.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * In lockstep with gdb: a breakpoint at {@code *EXPR} made before the program runs. gdb evaluates
 * EXPR in the executable (a PIE's link address, with the function, file and line there) and again
 * once the program is loaded, so the breakpoint stops the relocated program where EXPR now is.
 */
class MiAddressExpressionBreakpointTest {
    private static final String FIXTURE = "console_globals.c";

    @Test
    void anAddressExpressionBeforeTheRunIsPlacedAgainOnceTheProgramIsLoaded() throws Exception {
        new Lockstep()
                .cmd("-inferior-tty-set /dev/null")
                .cmd("-break-insert *main", Lockstep.fields("bkpt.addr", "bkpt.func", "bkpt.file", "bkpt.line", "bkpt.original-location"))
                .cmd("-break-insert *twice+4", Lockstep.fields("bkpt.addr", "bkpt.func", "bkpt.line", "bkpt.original-location"))
                .console("break *twice")
                .cmd("-break-insert *no_such_function", Lockstep.fields("msg"))
                .exec("-exec-run")
                .exec("-exec-continue")
                .exec("-exec-continue")
                .cmd("-break-list", Lockstep.fields("BreakpointTable.body"))
                .run(Fixtures.compile(FIXTURE));
    }
}
