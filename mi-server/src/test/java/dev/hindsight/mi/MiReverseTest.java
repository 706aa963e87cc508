package dev.hindsight.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiProcess;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Reverse execution needs a recorded run, which hindsight gdb cannot serve yet: every reverse
 * command is refused as gdb refuses it on a live process (gdb names its target, exec or
 * multi-thread, where Hindsight says native), and the session goes on where it was.
 */
class MiReverseTest {
    private static final List<String> MI_REVERSE = List.of("-exec-continue --reverse", "-exec-next --reverse",
            "-exec-step --reverse", "-exec-finish --reverse", "-exec-next-instruction --reverse",
            "-exec-step-instruction --reverse");
    private static final List<String> CONSOLE_REVERSE = List.of("reverse-step", "rs", "reverse-next", "rn",
            "reverse-continue", "rc", "reverse-finish", "reverse-stepi", "rsi", "reverse-nexti", "rni");

    /** gdb's refusal whatever target it names; anything else as it is. */
    private static final Function<MiRecord, Object> REFUSAL = r -> String.valueOf(r.get("msg"))
            .replaceFirst("^Target [\\w-]+ does not support this command\\..*", "Target * does not support this command.");

    @Test
    void everyReverseCommandIsRefusedAsGdbRefusesItAndTheSessionGoesOn() throws Exception {
        Lockstep l = new Lockstep()
                .cmd("-exec-next --reverse", REFUSAL)
                .cmd("-exec-continue --reverse", REFUSAL)
                .cmd("reverse-step", REFUSAL)
                .cmd("-interpreter-exec console \"reverse-next\"", REFUSAL)
                .cmd("-break-insert add")
                .exec("-exec-run");
        for (String c : MI_REVERSE) l.cmd(c, REFUSAL);
        for (String c : CONSOLE_REVERSE) l.cmd(c, REFUSAL);
        l.cmd("-interpreter-exec console \"reverse-continue\"", REFUSAL)
                .cmd("-stack-info-frame", Lockstep.fields("frame.func", "frame.line"))
                .exec("-exec-finish")
                .exec("-exec-next")
                .run(Fixtures.compile("hello.c"));
    }

    /** What the refusal says: why, and what would make it work; gdb's in-process recording is refused too. */
    @Test
    void theRefusalSaysAReverseCommandNeedsARecordedRun() throws Exception {
        try (MiProcess h = MiProcess.hindsight(Fixtures.compile("hello.c"))) {
            h.send("-break-insert add");
            h.exchange("-exec-run");
            h.awaitStopped();
            for (String c : List.of("-exec-step --reverse", "reverse-finish", "-interpreter-exec console \"rn\"",
                    "record", "record full", "-interpreter-exec console \"record btrace\"", "set exec-direction reverse")) {
                MiRecord r = h.send(c);
                assertEquals("error", r.cls(), c);
                assertTrue(r.str("msg").contains("Reverse execution needs a recorded run"), c + ": " + r.str("msg"));
                assertTrue(r.str("msg").contains("hindsight record"), c + ": " + r.str("msg"));
            }
            assertEquals("forward", h.send("-gdb-show exec-direction").str("value"));
            assertEquals("done", h.send("-gdb-set exec-direction forward").cls());
            List<MiRecord> step = h.exchange("-exec-next");
            assertEquals("running", step.get(step.size() - 1).cls());
            MiRecord stopped = h.awaitStopped().stream().filter(r -> r.kind() == '*').reduce((a, b) -> b).orElseThrow();
            assertEquals("end-stepping-range", stopped.str("reason"));
        }
    }
}
