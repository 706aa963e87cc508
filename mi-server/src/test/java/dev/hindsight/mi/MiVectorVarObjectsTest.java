package dev.hindsight.mi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.WideRegisterSupport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Variable objects and expressions of the vector registers, in lockstep with gdb 13: {@code $xmm0}
 * and {@code $ymm15} as gdb's lane unions (types, members, every lane's value and type),
 * {@code -var-evaluate-expression}, formats, assignments of one lane, {@code -var-update} after
 * them and after steps that change the register, and {@code print} of a member or lane. zmm by
 * shape only (names, types, counts): gdb 13 misreads zmm on AMD ({@link WideRegisterSupport}).
 */
class MiVectorVarObjectsTest {
    private static final String FIXTURE = "wide_registers.c";
    private static final List<String> XMM_MEMBERS = List.of("v8_bfloat16", "v8_half", "v4_float", "v2_double", "v16_int8",
            "v8_int16", "v4_int32", "v2_int64");
    private static final List<String> YMM_MEMBERS = List.of("v16_bfloat16", "v16_half", "v8_float", "v4_double", "v32_int8",
            "v16_int16", "v8_int32", "v4_int64", "v2_int128");

    private static Path program() {
        Optional<String> missing = WideRegisterSupport.missingAvx512();
        assumeTrue(missing.isEmpty(), () -> "skipped: the fixture loads AVX-512 registers, and " + missing.orElseThrow());
        return Fixtures.compile(FIXTURE);
    }

    private static Object whole(MiRecord r) {
        return r.results();
    }

    /** A child list without the values: the shape of gdb's answer. */
    private static Object shape(MiRecord r) {
        Object children = r.get("children");
        if (!(children instanceof List<?> list)) return r.results();
        return list.stream().map(c -> {
            Map<?, ?> m = (Map<?, ?>) ((Map<?, ?>) c).get("child");
            return List.of(m.get("name"), m.get("exp"), m.get("numchild"), m.get("type"));
        }).toList();
    }

    @Test
    void xmmAndYmmAsGdbsUnionsWithEveryLane() throws Exception {
        Lockstep l = new Lockstep()
                .cmd("-gdb-set mi-async on")
                .cmd("-break-insert " + FIXTURE + ":" + Fixtures.line(FIXTURE, "loaded"))
                .exec("-exec-run")
                .cmd("-var-create x * $xmm0", MiVectorVarObjectsTest::whole)
                .cmd("-var-list-children x", MiVectorVarObjectsTest::whole)
                .cmd("-var-list-children --all-values x", MiVectorVarObjectsTest::whole);
        for (String m : XMM_MEMBERS) l.cmd("-var-list-children --all-values x." + m, MiVectorVarObjectsTest::whole);
        l.cmd("-var-create y * $ymm15", MiVectorVarObjectsTest::whole).cmd("-var-list-children --simple-values y", MiVectorVarObjectsTest::whole);
        for (String m : YMM_MEMBERS) l.cmd("-var-list-children --all-values y." + m, MiVectorVarObjectsTest::whole);
        l.cmd("-var-create z * $zmm0", Lockstep.fields("name", "numchild", "value", "type"))
                .cmd("-var-list-children z", MiVectorVarObjectsTest::whole)
                .cmd("-var-list-children z.v16_float", MiVectorVarObjectsTest::shape)
                .cmd("-var-list-children z.v4_int128", MiVectorVarObjectsTest::shape)
                .cmd("-var-evaluate-expression x", MiVectorVarObjectsTest::whole)
                .cmd("-var-evaluate-expression x.v4_float", MiVectorVarObjectsTest::whole)
                .cmd("-var-evaluate-expression x.v4_float.1", MiVectorVarObjectsTest::whole)
                .cmd("-var-evaluate-expression x.uint128", MiVectorVarObjectsTest::whole)
                .cmd("-var-create - * $xmm0.v4_float[1]", MiVectorVarObjectsTest::whole)
                .cmd("-var-create - * $xmm0.v4_float", MiVectorVarObjectsTest::whole)
                .cmd("-var-create - * $xmm0.uint128", MiVectorVarObjectsTest::whole)
                .cmd("-var-create - * $ymm15.v2_int128", MiVectorVarObjectsTest::whole)
                .cmd("-var-set-format x.v4_float.1 hexadecimal", MiVectorVarObjectsTest::whole)
                .cmd("-var-set-format x.v4_int32.1 hexadecimal", MiVectorVarObjectsTest::whole)
                .cmd("-var-set-format x.v4_int32.2 binary", MiVectorVarObjectsTest::whole)
                .cmd("-var-set-format x.v4_int32.3 octal", MiVectorVarObjectsTest::whole)
                .cmd("-var-set-format x.v8_half.1 hexadecimal", MiVectorVarObjectsTest::whole)
                .cmd("-var-set-format y.v2_int128.1 hexadecimal", MiVectorVarObjectsTest::whole)
                .cmd("-var-set-format x.v2_int64 hexadecimal", MiVectorVarObjectsTest::whole)
                .cmd("-var-set-format x hexadecimal", MiVectorVarObjectsTest::whole)
                .cmd("-var-assign x.v4_int32.1 7", MiVectorVarObjectsTest::whole)
                .cmd("-var-assign x.v4_float.0 2.5", MiVectorVarObjectsTest::whole)
                .cmd("-var-assign x.v2_double.1 -0.75", MiVectorVarObjectsTest::whole)
                .cmd("-var-assign x.v16_int8.0 -3", MiVectorVarObjectsTest::whole)
                .cmd("-var-assign y.v8_int32.7 -5", MiVectorVarObjectsTest::whole)
                .cmd("-var-assign x.v4_int32 5", MiVectorVarObjectsTest::whole)
                .cmd("-var-assign x 7", MiVectorVarObjectsTest::whole)
                .cmd("-var-update --all-values *", MiVectorVarObjectsTest::whole)
                .cmd("-var-update --all-values *", MiVectorVarObjectsTest::whole)
                .console("print $xmm0.v4_float[0]")
                .console("print $xmm0.v4_float")
                .console("print/x $xmm0.v4_int32[1]")
                .console("print $ymm15.v2_int128[1]")
                .console("output $xmm0.v16_int8")
                .cmd("-data-evaluate-expression $xmm0.v4_float[0]", MiVectorVarObjectsTest::whole)
                .cmd("-data-evaluate-expression $xmm0.v8_int16", MiVectorVarObjectsTest::whole)
                .cmd("-data-evaluate-expression $xmm0.uint128", MiVectorVarObjectsTest::whole)
                .cmd("-var-assign x.uint128 5", MiVectorVarObjectsTest::whole)
                .cmd("-var-update *", MiVectorVarObjectsTest::whole)
                .cmd("-var-delete x", MiVectorVarObjectsTest::whole)
                .run(program());
    }

    /** An ordinary program's xmm0 as its double arithmetic changes it, line by line and across a return. */
    @Test
    void updatesAfterStepsThatChangeTheRegister() throws Exception {
        Lockstep l = new Lockstep().cmd("-gdb-set mi-async on")
                .cmd("-break-insert lockstep.c:" + Fixtures.line("lockstep.c", "scale"))
                .exec("-exec-run")
                .cmd("-var-create v * $xmm0", MiVectorVarObjectsTest::whole)
                .cmd("-var-list-children v", MiVectorVarObjectsTest::whole);
        for (String m : List.of("v2_double", "v4_int32", "v16_int8", "v8_bfloat16")) l.cmd("-var-list-children v." + m, MiVectorVarObjectsTest::whole);
        for (int i = 0; i < 6; i++) {
            l.exec("-exec-next").cmd("-var-update --all-values *", MiVectorVarObjectsTest::whole)
                    .cmd("-var-evaluate-expression v.v2_double.0", MiVectorVarObjectsTest::whole);
        }
        l.run(Fixtures.compile("lockstep.c"));
    }
}
