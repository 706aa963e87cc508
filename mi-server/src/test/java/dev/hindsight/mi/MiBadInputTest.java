package dev.hindsight.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiProcess;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Malformed input and commands in the wrong state: each gets {@code ^error} with gdb's message
 * (compared with real gdb), and the session goes on answering.
 */
class MiBadInputTest {
    @Test
    void malformedCommandsGetGdbsErrorsAndTheSessionGoesOn() throws Exception {
        new Lockstep()
                .cmd("-data-evaluate-expression \"1+", r -> r.get("msg"))           // unbalanced quote
                .cmd("-break-insert -z main", r -> r.get("msg"))                    // unknown option
                .cmd("-break-insert -c", r -> r.get("msg"))                         // option without its value
                .cmd("-break-insert", r -> r.get("msg"))                            // missing location
                .cmd("-foo-bar", r -> r.results())                                  // unknown command, with code
                .cmd("-" + "x".repeat(1 << 20), r -> r.results())                   // a 1 MB line
                .cmd("-exec-continue", r -> r.get("msg"))                           // no program yet
                .cmd("-exec-next", r -> r.get("msg"))
                .cmd("-stack-list-frames", r -> r.get("msg"))
                .cmd("-data-evaluate-expression", r -> r.get("msg"))
                .cmd("-stack-list-locals", r -> r.get("msg"))
                .cmd("-var-create", r -> r.get("msg"))
                .cmd("-break-insert nosuch", r -> r.get("msg"))
                .cmd("-break-insert nosuch.c:3", r -> r.get("msg"))
                .cmd("-gdb-show nosuch", r -> r.get("msg"))
                .cmd("-data-read-memory-bytes", r -> r.get("msg"))
                .cmd("-interpreter-exec console \"frob\"", r -> r.get("msg"))
                .cmd("frob", r -> r.get("msg"))                                     // a console line
                .cmd("-break-insert main", r -> r.get("bkpt.func"))                 // and the session goes on
                .exec("-exec-run")
                .cmd("-thread-select 5", r -> r.get("msg"))
                .cmd("-exec-finish", r -> r.get("msg"))                             // outermost frame
                .cmd("-stack-list-frames", r -> r.get("stack.0.frame.func"))
                .run(Fixtures.compile("hello.c"));
    }

    /**
     * Commands a running program cannot answer (mi-async on, an endless loop running), malformed
     * lines of other shapes, and the attach commands' bad arguments: {@code ^error} as gdb's, and
     * the session goes on (the program is interrupted and answers again).
     */
    @Test
    void commandsWhileRunningAndMoreMalformedLinesGetGdbsErrors() throws Exception {
        new Lockstep()
                .cmd("-break-insert \"main", r -> r.get("msg"))                     // a quote left open in an option's place
                .cmd("-interpreter-exec console \"print \\\"abc", r -> r.get("msg")) // and inside a console line
                .cmd("-interpreter-exec", r -> r.get("msg"))                          // missing interpreter and command
                .cmd("-break-insert -i x main", r -> r.get("bkpt.times"))             // gdb reads "x" as 0 (atoi)
                .cmd("-break-delete 1")
                .cmd("-target-attach", r -> r.get("msg"))
                .cmd("-target-attach abc", r -> r.get("msg"))
                .cmd("-target-attach 12 13", r -> r.get("msg"))
                .cmd("-target-detach", r -> r.get("msg"))
                .cmd("-gdb-set mi-async on")
                .cmd("-break-insert endless.c:" + dev.hindsight.tracer.testing.Fixtures.line("endless.c", "spin"))
                .exec("-exec-run")
                .cmd("-break-delete 2")
                .start("-exec-continue")
                .cmd("-exec-continue", r -> r.get("msg"))                             // running already
                .cmd("-exec-next", r -> r.get("msg"))
                .cmd("-exec-step-instruction", r -> r.get("msg"))
                .cmd("-exec-finish", r -> r.get("msg"))
                .cmd("-stack-list-frames", r -> r.get("msg"))
                .cmd("-stack-list-locals 1", r -> r.get("msg"))
                // (gdb also reads a global while the program runs, through /proc; Hindsight refuses: not compared)
                .cmd("-data-list-register-values x 0", r -> r.get("msg"))
                .stopsAfter("-exec-interrupt", Lockstep.fields("reason", "signal-name", "frame.func"))
                .cmd("-stack-list-frames", r -> r.get("stack.0.frame.func"))
                .run(Fixtures.compile("endless.c"));
    }

    /** A token that is not a number makes the line a console command (gdb's reading); a numeric one is echoed. */
    @Test
    void tokensAreEchoedAndNonNumericOnesAreConsoleWords() throws Exception {
        try (MiProcess h = MiProcess.hindsight(Fixtures.compile("hello.c"))) {
            h.writeRaw("abc-gdb-version\n");
            MiRecord r = h.readUntil(x -> x.kind() == '^').get(h.transcript().size() > 0 ? 0 : 0);
            r = last(h, r);
            assertEquals("error", r.cls());
            assertEquals("Undefined command: \"abc-gdb-version\".  Try \"help\".", r.str("msg"));
            h.writeRaw("12x-gdb-version\n");
            MiRecord t = h.readUntil(x -> x.kind() == '^').stream().filter(x -> x.kind() == '^').findFirst().orElseThrow();
            assertEquals("12", t.token());
            assertEquals("error", t.cls());
            h.writeRaw("4711-gdb-version\n");
            MiRecord v = h.readUntil(x -> x.kind() == '^').stream().filter(x -> x.kind() == '^').findFirst().orElseThrow();
            assertEquals("4711", v.token());
            assertEquals("done", v.cls());
            assertTrue(h.transcript().stream().anyMatch(l -> l.equals("~\"GNU gdb (Hindsight 0.1.0) 13.1\\n\"")));
        }
    }

    private static MiRecord last(MiProcess h, MiRecord ignored) {
        for (int i = h.transcript().size() - 1; i >= 0; i--) {
            MiRecord r = MiRecord.parse(h.transcript().get(i));
            if (r.kind() == '^') return r;
        }
        throw new AssertionError("no result");
    }
}
