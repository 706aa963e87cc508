package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Commands front ends use beyond the common ones, in lockstep with gdb 13: {@code -exec-until}
 * (with and without a location), {@code -exec-jump}, console {@code until}/{@code jump}/{@code up}/
 * {@code down}, the deprecated {@code -data-read-memory} (Emacs's memory buffer),
 * {@code -data-write-memory-bytes}, {@code -var-assign}, {@code -var-set-format}/{@code -var-show-format},
 * {@code -exec-return}.
 */
class MiRunToJumpMemoryAndVarTest {
    /**
     * gdb's -data-read-memory table without its stack addresses (each debugger's environment
     * moves the stack): the rows' words and text, the sizes, and each address relative to addr.
     */
    private static final Function<MiRecord, Object> MEMORY_TABLE = r -> {
        Map<String, Object> m = new LinkedHashMap<>();
        long addr = Long.decode(r.str("addr"));
        for (String k : new String[] {"next-row", "prev-row", "next-page", "prev-page"}) m.put(k, Long.decode(r.str(k)) - addr);
        for (String k : new String[] {"nr-bytes", "total-bytes", "memory.0.data", "memory.0.ascii", "memory.1.data"}) m.put(k, r.get(k));
        m.put("memory.1.addr", Long.decode(String.valueOf(r.get("memory.1.addr") == null ? "0" : r.get("memory.1.addr"))) - addr);
        return m;
    };

    @Test
    void untilJumpAndFrameMovesMatchGdb() throws Exception {
        int scale = Fixtures.line("lockstep.c", "scale");
        new Lockstep()
                .cmd("-break-insert lockstep.c:" + scale)
                .exec("-exec-run")
                // scale's line, then fib's, then malloc's
                .exec("-exec-until lockstep.c:" + (scale + 2))
                .exec("-exec-until")
                .cmd("-break-insert lockstep.c:" + (scale + 5))
                // back over strcpy's line: copy is already set, n is not yet
                .exec("-exec-jump lockstep.c:" + (scale + 3))
                .exec("-exec-next")
                .cmd("-data-evaluate-expression n", r -> r.get("value"))
                // Emacs's gud-jump: tbreak + jump onto it stops there at once, having run nothing
                .console("-interpreter-exec console \"tbreak " + (scale + 3) + "\"")
                .execText("-exec-jump " + (scale + 3))
                .cmd("-break-list", r -> r.get("BreakpointTable.body"))
                .exec("-exec-next")
                .console("up")
                .console("down")
                .console("-interpreter-exec console \"down\"")
                .exec("-interpreter-exec console \"until " + (scale + 7) + "\"")
                .exec("-interpreter-exec console \"jump " + (scale + 8) + "\"")
                .run(Fixtures.compile("lockstep.c"));
    }

    @Test
    void memoryReadAndWriteAndVariableObjectsMatchGdb() throws Exception {
        int scale = Fixtures.line("lockstep.c", "scale");
        new Lockstep()
                .cmd("-break-insert lockstep.c:" + scale)
                .exec("-exec-run")
                .exec("-exec-next")
                .cmd("-data-read-memory &p x 4 1 2", MEMORY_TABLE)
                .cmd("-data-read-memory &p d 4 1 2 .", MEMORY_TABLE)
                .cmd("-data-read-memory -o 4 &p u 2 2 1", MEMORY_TABLE)
                .cmd("-data-read-memory &p t 1 1 2 x", MEMORY_TABLE)
                .cmd("-data-read-memory &p o 4 1 1", MEMORY_TABLE)
                .cmd("-data-read-memory &p x 4 0 1", r -> r.get("msg"))
                .cmd("-data-write-memory-bytes &p 07000000")
                .cmd("-data-write-memory-bytes &p.y ff 2")
                .cmd("-data-evaluate-expression p", r -> r.get("value"))
                .cmd("-var-create vx * p.x", Lockstep.fields("name", "numchild", "value", "type"))
                .cmd("-var-assign vx 42", r -> r.get("value"))
                .cmd("-var-evaluate-expression vx", r -> r.get("value"))
                .cmd("-data-evaluate-expression p.x", r -> r.get("value"))
                .cmd("-var-show-format vx", r -> r.get("format"))
                .cmd("-var-set-format vx hexadecimal", Lockstep.fields("format", "value"))
                .cmd("-var-evaluate-expression vx", r -> r.get("value"))
                .cmd("-var-set-format vx octal", Lockstep.fields("format", "value"))
                .cmd("-var-set-format vx binary", Lockstep.fields("format", "value"))
                .cmd("-var-set-format vx natural", Lockstep.fields("format", "value"))
                .cmd("-var-show-format vx", r -> r.get("format"))
                .cmd("-var-create vp * p", Lockstep.fields("name", "numchild", "value", "type"))
                .cmd("-var-assign vp 1", r -> r.get("msg"))
                .cmd("-var-set-format vx weird", r -> r.get("msg"))
                .run(Fixtures.compile("lockstep.c"));
    }

    @Test
    void returnPopsFramesWithoutRunningThemLikeGdb() throws Exception {
        new Lockstep()
                .cmd("-break-insert scale")
                .cmd("-break-insert fib")
                .exec("-exec-run")
                // scale's body never runs: p keeps its values
                .cmd("-exec-return", r -> r.get("frame"))
                .cmd("-data-evaluate-expression p", r -> r.get("value"))
                .exec("-exec-continue")
                .exec("-exec-continue")
                // from fib(9) inside fib(10): frame 1 selected, both popped, 5 returned to main
                .cmd("-stack-list-frames", r -> r.get("stack"))
                .cmd("-stack-select-frame 1")
                // the selected thread named with --thread: the selected frame stays (Emacs after `up`)
                .cmd("-stack-info-frame --thread 1", r -> r.get("frame"))
                .cmd("-stack-list-locals --thread 1 1", r -> r.get("locals"))
                .cmd("-exec-return 5", r -> r.get("frame"))
                .cmd("-stack-info-depth", r -> r.get("depth"))
                .exec("-exec-next")
                .cmd("-data-evaluate-expression f", r -> r.get("value"))
                .run(Fixtures.compile("lockstep.c"));
    }
}
