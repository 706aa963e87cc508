package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.tracer.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Values in each of the x86-64 ABI's return places, in lockstep with gdb on return_values.c:
 * {@code -exec-return} of a {@code long double} (st0), of structures in rax:rdx, xmm0:xmm1 and
 * rax and xmm0 (mixed members), and
 * of one in memory (dropped, as gdb drops it), each seen in the caller's variables afterwards; and
 * {@code finish}'s {@code return-value} of a {@code long double} and of structures in rax:rdx,
 * xmm0:xmm1, rax and xmm0 (a mixed one) and memory.
 */
class MiReturnValuesTest {
    private static final String SRC = "return_values.c";

    private static String at(String marker) {
        return "-break-insert " + SRC + ":" + Fixtures.line(SRC, marker);
    }

    @Test
    void returnOfLongDoubleAndStructuresMatchesGdb() throws Exception {
        new Lockstep()
                .cmd(at("third"))
                .cmd(at("pair"))
                .cmd(at("coords"))
                .cmd(at("big"))
                .cmd(at("mixed"))
                .cmd(at("print"))
                .exec("-exec-run")
                .cmd("-exec-return 2.5", r -> r.get("frame") + " " + r.get("msg"))
                .exec("-exec-continue")
                .cmd("-exec-return p", r -> r.get("frame") + " " + r.get("msg"))
                .exec("-exec-continue")
                .cmd("-exec-return c", r -> r.get("frame") + " " + r.get("msg"))
                .exec("-exec-continue")
                .cmd("-exec-return b", r -> r.get("frame") + " " + r.get("msg"))
                .exec("-exec-continue")
                .cmd("-exec-return m", r -> r.get("frame") + " " + r.get("msg"))
                .exec("-exec-continue")
                .cmd("-stack-list-locals 1", r -> r.get("locals"))
                .run(Fixtures.compile(SRC));
    }

    @Test
    void finishShowsLongDoubleAndStructureValuesAsGdbDoes() throws Exception {
        new Lockstep()
                .cmd("-break-insert third")
                .cmd("-break-insert make_pair")
                .cmd("-break-insert make_coords")
                .cmd("-break-insert make_big")
                .cmd("-break-insert make_mixed")
                .exec("-exec-run")
                .step("-exec-finish", true, MiFinishTest.FINISHED)
                .exec("-exec-continue")
                .step("-exec-finish", true, MiFinishTest.FINISHED)
                .exec("-exec-continue")
                .step("-exec-finish", true, MiFinishTest.FINISHED)
                .exec("-exec-continue")
                .step("-interpreter-exec console \"finish\"", true, MiFinishTest.FINISHED)
                .exec("-exec-continue")
                .step("finish", true, MiFinishTest.FINISHED)
                .run(Fixtures.compile(SRC));
    }

    private static final String AGGREGATES = "return_aggregates.c";
    private static final List<String> MAKERS = List.of("ints3", "nested", "chars_float", "double_int", "longs3", "floats3",
            "int_float", "wrapped_ld");

    /**
     * Structures with array and structure members (return_aggregates.c), each eightbyte classed
     * from the scalars in it: {@code int a[3]} in rax:rdx, {@code {float x, y} p; double d} in
     * xmm0:xmm1, {@code char c[5]; float f} in rax and xmm0, {@code double d; int i} in xmm0 and
     * rax, {@code long a[3]} in memory, {@code float f[3]} in xmm0:xmm1, a union of int and float in
     * rax, a structure of one {@code long double} in st0 (all 64 bits of its mantissa); {@code finish}
     * shows each, {@code -exec-return} of each reaches the caller's variables (the memory one
     * dropped, as gdb drops it).
     */
    private static Lockstep stoppingInEachAggregateMaker() {
        Lockstep script = new Lockstep();
        for (String f : MAKERS) {
            script.cmd("-break-insert " + AGGREGATES + ":" + Fixtures.line(AGGREGATES, f));
        }
        return script.cmd("-break-insert " + AGGREGATES + ":" + Fixtures.line(AGGREGATES, "print")).exec("-exec-run");
    }

    @Test
    void finishShowsStructuresWithArrayAndStructureMembersAsGdbDoes() throws Exception {
        Lockstep script = stoppingInEachAggregateMaker();
        for (int i = 0; i < MAKERS.size(); i++) script.step("-exec-finish", true, MiFinishTest.FINISHED).exec("-exec-continue");
        script.cmd("-stack-list-locals 1", r -> r.get("locals")).run(Fixtures.compile(AGGREGATES));
    }

    @Test
    void returnOfStructuresWithArrayAndStructureMembersReachesTheCallerAsWithGdb() throws Exception {
        Lockstep script = stoppingInEachAggregateMaker();
        for (String g : List.of("g_ints3", "g_nested", "g_chars_float", "g_double_int", "g_longs3", "g_floats3", "g_int_float",
                "g_wrapped_ld")) {
            script.cmd("-exec-return " + g, r -> r.get("frame") + " " + r.get("msg")).exec("-exec-continue");
        }
        script.cmd("-stack-list-locals 1", r -> r.get("locals")).run(Fixtures.compile(AGGREGATES));
    }
}
