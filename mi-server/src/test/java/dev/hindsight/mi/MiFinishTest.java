package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code finish} in lockstep with gdb: from the innermost frame and from an outer one (the
 * selected frame runs until it returns, through a recursion's other returns), its {@code *stopped}
 * with {@code gdb-result-var} and {@code return-value} (integers, {@code double}, pointers), and
 * a console {@code finish}'s "Run till exit from #N …" and "Value returned is $N = …".
 */
class MiFinishTest {
    /** The stop's reason and frame, the returned value's fields, and the console's text. */
    static final Function<List<MiRecord>, Object> FINISHED = rs -> {
        Map<String, Object> m = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        for (MiRecord r : rs) {
            if (r.kind() == '~') text.append(r.text());
            if (r.kind() == '^') m.put("result", r.cls());
            if (r.kind() == '*' && r.cls().equals("stopped")) {
                for (String k : List.of("reason", "frame.addr", "frame.func", "frame.args", "frame.line", "gdb-result-var", "return-value")) {
                    m.put(k, r.get(k));
                }
            }
        }
        m.put("console", text.toString());
        return m;
    };

    @Test
    void finishFromInnermostAndOuterFramesReturnsWhereGdbDoesWithItsValue() throws Exception {
        new Lockstep()
                .cmd("-break-insert deepest")
                .exec("-exec-run")
                .step("-exec-finish", true, FINISHED)
                .cmd("-stack-select-frame 1")
                .step("-exec-finish", true, FINISHED)
                .console("up")
                .step("finish", true, FINISHED)
                .cmd("-stack-select-frame 2")
                .step("-interpreter-exec console \"finish\"", true, FINISHED)
                .cmd("-stack-list-frames", r -> r.get("stack"))
                .run(Fixtures.compile("backtrace.c"));
    }

    @Test
    void finishShowsDoubleAndPointerValuesAsGdbDoes() throws Exception {
        String src = "until_return.c";
        new Lockstep()
                .cmd("-break-insert half")
                .cmd("-break-insert pick")
                .cmd("-break-insert later")
                .exec("-exec-run")
                .step("finish", true, FINISHED)
                .exec("-exec-continue")
                .step("-exec-finish", true, FINISHED)
                .exec("-exec-continue")
                .step("finish", true, FINISHED)
                .run(Fixtures.compile(src));
    }
}
