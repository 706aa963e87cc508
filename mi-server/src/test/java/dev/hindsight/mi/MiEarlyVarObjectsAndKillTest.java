package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.tracer.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * In lockstep with gdb: variable objects made before the program runs (gdb reads the executable:
 * a global's initial value, a struct's children, a zeroed .bss variable, a function's address),
 * which -var-update then reads from the running program; and console {@code kill}: gdb's question
 * answered for a pipe, the killed inferior's line, and the refusal once nothing runs.
 */
class MiEarlyVarObjectsAndKillTest {
    private static final String FIXTURE = "console_globals.c";

    @Test
    void varObjectsBeforeTheRunThenKill() throws Exception {
        new Lockstep()
                .cmd("-inferior-tty-set /dev/null")
                .cmd("-var-create lim * limit", Lockstep.fields("name", "numchild", "value", "type", "has_more"))
                .cmd("-var-create cnt * counter", Lockstep.fields("name", "numchild", "value", "type"))
                .cmd("-var-create o * origin", Lockstep.fields("name", "numchild", "value", "type"))
                .cmd("-var-create - * ratio", Lockstep.fields("name", "value", "type"))
                .cmd("-var-create f @ limit", Lockstep.fields("name", "value", "type"))
                .cmd("-var-create bad * no_such_thing", Lockstep.fields("msg"))
                .cmd("-var-list-children --all-values o", Lockstep.fields("numchild", "children"))
                .cmd("-break-insert " + FIXTURE + ":" + Fixtures.line(FIXTURE, "twice"))
                .exec("-exec-run")
                .cmd("-var-update --all-values *", Lockstep.fields("changelist"))
                .console("kill", text -> text.replaceAll("process \\d+", "process PID"))
                .console("kill")
                .run(Fixtures.compile(FIXTURE));
    }
}
