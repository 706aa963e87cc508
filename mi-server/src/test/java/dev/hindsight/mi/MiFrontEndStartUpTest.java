package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.tracer.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The start-up sequences of Emacs's gdb-mi and Vim's termdebug (prompt mode), as they send them,
 * in lockstep with gdb 13 (the node suite runs the real editors; this pins each answer).
 */
class MiFrontEndStartUpTest {
    @Test
    void emacsGdbMiStartUpMatchesGdb() throws Exception {
        int scale = Fixtures.line("lockstep.c", "scale");
        new Lockstep()
                .cmd("-inferior-tty-set /dev/null")
                .cmd("-gdb-set height 0")
                .cmd("-gdb-set non-stop 1")
                .cmd("-enable-pretty-printing")
                .cmd("-enable-frame-filters")
                .cmd("-file-list-exec-source-files", r -> r.get("files.0.fullname"))
                .cmd("-file-list-exec-source-file", Lockstep.fields("line", "fullname", "macro-info"))
                .cmd("-gdb-show prompt", r -> r.get("value"))
                .cmd("-stack-info-frame", r -> r.get("msg"))
                .cmd("-thread-info", r -> r.get("threads"))
                .cmd("-gdb-set target-async 1")
                // no target yet: gdb lists no async, and Emacs leaves non-stop mode
                .cmd("-list-target-features", r -> r.get("features"))
                .cmd("-gdb-set non-stop 0")
                .console("-interpreter-exec console \"break lockstep.c:" + scale + " \"")
                .exec("-exec-run")
                // an MI step prints no source line (a console next does)
                .execText("-exec-next")
                .execText("-interpreter-exec console \"next\"")
                .run(Fixtures.compile("lockstep.c"));
    }

    @Test
    void vimTermdebugStartUpMatchesGdb() throws Exception {
        new Lockstep()
                .console("tty /dev/null")
                .console("set env TERM = xterm-color")
                .console("set env COLORS = ")
                .console("show inferior-tty")
                .console("set print pretty on")
                .console("set breakpoint pending on")
                .console("show breakpoint pending")
                .run(Fixtures.compile("lockstep.c"));
    }
}
