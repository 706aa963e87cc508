package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * {@code -var-info-expression}, {@code -var-info-path-expression}, {@code -var-info-type} and
 * {@code -var-show-attributes} in lockstep with gdb 13, over roots and children of structs, unions,
 * arrays of arrays, pointers (to pointers and to structs) and a vector register's lanes, and gdb's
 * errors for missing arguments and unknown objects.
 */
class MiVarInfoTest {
    private static Object whole(MiRecord r) {
        return r.results();
    }

    /** The four commands on one object. */
    private static void info(Lockstep l, String name) {
        l.cmd("-var-info-expression " + name, MiVarInfoTest::whole)
                .cmd("-var-info-path-expression " + name, MiVarInfoTest::whole)
                .cmd("-var-info-type " + name, MiVarInfoTest::whole)
                .cmd("-var-show-attributes " + name, MiVarInfoTest::whole);
    }

    @Test
    void structsUnionsArraysAndBitFields() throws Exception {
        String fixture = "dwarf_types.c";
        Lockstep l = new Lockstep().cmd("-gdb-set mi-async on")
                .cmd("-break-insert " + fixture + ":" + Fixtures.line(fixture, "inner"))
                .exec("-exec-run")
                .cmd("-var-create g * grid", MiVarInfoTest::whole)
                .cmd("-var-list-children g", MiVarInfoTest::whole)
                .cmd("-var-list-children g.1", MiVarInfoTest::whole)
                .cmd("-var-create n * n", MiVarInfoTest::whole)
                .cmd("-var-list-children n", MiVarInfoTest::whole)
                .cmd("-var-list-children n.bytes", MiVarInfoTest::whole)
                .cmd("-var-create f * f", MiVarInfoTest::whole)
                .cmd("-var-list-children f", MiVarInfoTest::whole)
                .cmd("-var-create s * greeting", MiVarInfoTest::whole)
                .cmd("-var-list-children --all-values s", MiVarInfoTest::whole)
                .cmd("-var-create i * inner", MiVarInfoTest::whole);
        for (String n : new String[] {"g", "g.1", "g.1.2", "n", "n.f", "n.bytes", "n.bytes.3", "f", "f.level", "s", "s.*greeting", "i"}) info(l, n);
        l.run(Fixtures.compile(fixture));
    }

    @Test
    void pointersVectorLanesAndErrors() throws Exception {
        String fixture = "lockstep.c";
        Lockstep l = new Lockstep().cmd("-gdb-set mi-async on")
                .cmd("-break-insert " + fixture + ":" + Fixtures.line(fixture, "scale"))
                .exec("-exec-run")
                .cmd("-var-create p * p", MiVarInfoTest::whole)
                .cmd("-var-list-children p", MiVarInfoTest::whole)
                .cmd("-var-create av * argv", MiVarInfoTest::whole)
                .cmd("-var-list-children av", MiVarInfoTest::whole)
                .cmd("-var-list-children --all-values av.*argv", MiVarInfoTest::whole)
                .cmd("-var-create pp * &p", MiVarInfoTest::whole)
                .cmd("-var-list-children pp", MiVarInfoTest::whole)
                .cmd("-var-create x * $xmm0", r -> r.get("type"))
                .cmd("-var-list-children x", r -> r.get("numchild"))
                .cmd("-var-list-children x.v4_float", r -> r.get("numchild"))
                .cmd("-var-create lane * $xmm0.v4_float[1]", r -> r.get("type"));
        for (String n : new String[] {"p", "p.x", "av", "av.*argv", "av.*argv.**argv", "pp", "pp.y", "x", "x.v4_float",
                "x.v4_float.1", "x.uint128", "lane"}) info(l, n);
        for (String c : new String[] {"-var-info-expression", "-var-info-path-expression", "-var-info-type", "-var-show-attributes"}) {
            l.cmd(c, MiVarInfoTest::whole).cmd(c + " nosuch", MiVarInfoTest::whole).cmd(c + " p x", MiVarInfoTest::whole);
        }
        l.run(Fixtures.compile(fixture));
    }
}
