package dev.hindsight.tracer.disasm;

import dev.hindsight.tracer.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole functions of real clang output, decoded by us and by objdump, must agree line by line. */
class ObjdumpComparisonTest {

    @ParameterizedTest
    @EnumSource(Syntax.class)
    void everyFunctionOfHelloMatchesObjdump(Syntax syntax) throws Exception {
        assertAllFunctionsMatch(Fixtures.compile("hello.c"), syntax, List.of("main", "add", "_start"));
    }

    @ParameterizedTest
    @EnumSource(Syntax.class)
    void everyFunctionOfFeatureProgramMatchesObjdump(Syntax syntax) throws Exception {
        assertAllFunctionsMatch(Fixtures.compile("disasm_features.c"), syntax, List.of("main", "pick", "blend"));
    }

    @ParameterizedTest
    @EnumSource(Syntax.class)
    void handWrittenKindsMatchObjdump(Syntax syntax) throws Exception {
        assertAllFunctionsMatch(Fixtures.compile("disasm_kinds.s", "-c"), syntax, List.of("kinds"));
    }

    private static void assertAllFunctionsMatch(Path binary, Syntax syntax, List<String> mustContain) throws Exception {
        Map<String, ObjdumpListing.Function> functions = ObjdumpListing.functions(binary, syntax);
        assertTrue(functions.keySet().containsAll(mustContain), functions.keySet().toString());
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        try (Disassembler disassembler = new Disassembler(syntax)) {
            for (ObjdumpListing.Function function : functions.values()) {
                byte[] bytes = function.bytes();
                List<Instruction> ours = disassembler.disassemble(bytes, function.address(), Integer.MAX_VALUE);
                assertEquals(function.lines().size(), ours.size(), "instruction count of " + function.name());
                for (int i = 0; i < ours.size(); i++) {
                    ObjdumpListing.Line expected = function.lines().get(i);
                    Instruction actual = ours.get(i);
                    assertEquals(expected.address(), actual.address(), function.name());
                    assertEquals(expected.bytes().length, actual.length(), function.name() + " " + actual);
                    compared++;
                    if (!ObjdumpNormalization.sameInstruction(expected.text(), actual)) {
                        mismatches.add(function.name() + ": objdump '" + expected.text() + "' vs ours '"
                                + actual.mnemonic() + " " + actual.operands() + "'");
                    }
                }
            }
        }
        assertTrue(compared >= 19, "compared only " + compared);
        assertEquals(List.of(), mismatches, String.join("\n", mismatches));
    }
}
