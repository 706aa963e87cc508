package dev.hindsight.tracer.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.info.DebugInfo;
import dev.hindsight.tracer.dwarf.info.Die;
import dev.hindsight.tracer.dwarf.info.DwAt;
import dev.hindsight.tracer.dwarf.info.DwTag;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DIE trees of clang and gcc output, DWARF 4 and 5, compared DIE by DIE with llvm-dwarfdump. */
class DebugInfoTest {
    static Stream<Arguments> binaries() {
        return Stream.of(
                Arguments.of("clang5 C", Fixtures.compile("dwarf_types.c")),
                Arguments.of("clang4 C", Fixtures.compile("dwarf_types.c", "-gdwarf-4")),
                Arguments.of("clang5 C++", Fixtures.compile("dwarf_classes.cpp")),
                Arguments.of("clang5 C++ O2", Fixtures.compile("dwarf_classes.cpp", "-O2")),
                Arguments.of("clang4 C++", Fixtures.compile("dwarf_classes.cpp", "-gdwarf-4")),
                Arguments.of("gcc C", Tools.compileWith("gcc", "dwarf_types.c")),
                Arguments.of("g++ C++", Tools.compileWith("g++", "dwarf_classes.cpp")),
                Arguments.of("g++ C++ O2", Tools.compileWith("g++", "dwarf_classes.cpp", "-O2")),
                Arguments.of("clang asm", Fixtures.compile("dwarf_asm.s")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaries")
    void everyDieMatchesDwarfdump(String label, Path exe) {
        DebugInfo info = new DebugInfo(Tools.sections(exe));
        assertTrue(info.problems().isEmpty(), info.problems().toString());
        List<String> mine = new ArrayList<>();
        for (CompilationUnit u : info.units()) walk(u.root(), mine);
        List<String> oracle = new ArrayList<>();
        Pattern die = Pattern.compile("^0x([0-9a-f]+):\\s+(DW_TAG_\\w+)");
        Pattern name = Pattern.compile("^\\s+DW_AT_name\\s+\\(\"(.*)\"\\)$");
        String[] lines = Tools.run(Tools.dwarfdump(), "--debug-info", exe.toString()).split("\n");
        String current = null;
        for (String l : lines) {
            Matcher m = die.matcher(l);
            if (m.find()) {
                if (current != null) oracle.add(current);
                current = Long.parseLong(m.group(1), 16) + " " + m.group(2);
                continue;
            }
            Matcher n = name.matcher(l);
            if (n.find() && current != null && !current.contains("\"")) current += " \"" + n.group(1) + "\"";
        }
        if (current != null) oracle.add(current);
        assertEquals(oracle.size(), mine.size(), label + " DIE count");
        for (int i = 0; i < oracle.size(); i++) {
            String o = oracle.get(i);
            String m = mine.get(i);
            assertEquals(o.substring(0, o.indexOf(' ')), m.substring(0, m.indexOf(' ')), label + " offset");
            if (o.contains("\"")) assertTrue(m.endsWith(o.substring(o.indexOf('"'))), label + " " + o + " vs " + m);
        }
    }

    private static void walk(Die d, List<String> out) {
        out.add(d.offset() + " tag" + d.tag() + (d.name() != null ? " \"" + d.name() + "\"" : ""));
        for (Die c : d.children()) walk(c, out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaries")
    void compileUnitHasNameAndDirectory(String label, Path exe) {
        Die cu = new DebugInfo(Tools.sections(exe)).units().get(0).root();
        assertTrue(cu.tag() == DwTag.COMPILE_UNIT, label);
        assertTrue(cu.name().contains("dwarf_"), label);
        assertTrue(cu.string(DwAt.COMP_DIR).isPresent(), label);
        assertTrue(cu.address(DwAt.LOW_PC).isPresent(), label);
    }
}
