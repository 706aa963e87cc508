package dev.hindsight.tracer.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.info.DebugInfo;
import dev.hindsight.tracer.dwarf.line.LineMatch;
import dev.hindsight.tracer.dwarf.line.LineRow;
import dev.hindsight.tracer.dwarf.line.LineTable;
import dev.hindsight.tracer.dwarf.line.SourcePosition;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Line tables row by row against llvm-dwarfdump, plus the address and source-line queries. */
class LineTableTest {
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> binaries() {
        return DebugInfoTest.binaries();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaries")
    void rowsMatchDwarfdump(String label, Path exe) {
        DebugInfo info = new DebugInfo(Tools.sections(exe));
        List<String> mine = new ArrayList<>();
        for (CompilationUnit u : info.units()) {
            LineTable t = LineTable.of(u).orElseThrow();
            for (List<LineRow> seq : t.sequences()) {
                for (LineRow r : seq) mine.add(render(r));
            }
        }
        Pattern row = Pattern.compile("^0x([0-9a-f]{16})\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+\\d+\\s+\\d+\\s*(.*)$");
        List<String> oracle = new ArrayList<>();
        for (String l : Tools.run(Tools.dwarfdump(), "--debug-line", exe.toString()).split("\n")) {
            Matcher m = row.matcher(l);
            if (!m.find()) continue;
            String flags = m.group(5);
            oracle.add(Long.parseLong(m.group(1), 16) + " " + m.group(2) + ":" + m.group(3) + " f" + m.group(4)
                    + (flags.contains("is_stmt") ? " stmt" : "") + (flags.contains("end_sequence") ? " end" : "")
                    + (flags.contains("prologue_end") ? " pe" : "") + (flags.contains("epilogue_begin") ? " eb" : ""));
        }
        Collections.sort(mine);
        Collections.sort(oracle);
        assertFalse(oracle.isEmpty(), label);
        assertEquals(oracle, mine, label);
    }

    private static String render(LineRow r) {
        return r.address() + " " + r.line() + ":" + r.column() + " f" + r.file() + (r.isStmt() ? " stmt" : "")
                + (r.endSequence() ? " end" : "") + (r.prologueEnd() ? " pe" : "") + (r.epilogueBegin() ? " eb" : "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaries")
    void mainSourceResolvesToAbsoluteFixturePath(String label, Path exe) {
        String fixture = exe.toString().contains("classes") ? "dwarf_classes.cpp"
                : exe.toString().contains("asm") ? "dwarf_asm.s" : "dwarf_types.c";
        LineTable t = LineTable.of(new DebugInfo(Tools.sections(exe)).units().get(0)).orElseThrow();
        String src = Fixtures.source(fixture).toString();
        assertTrue(t.files().stream().anyMatch(f -> src.equals(f.path())), label + " " + t.files());
    }

    @Test
    void breakpointLineRoundTripsThroughAddress() {
        for (Path exe : List.of(Fixtures.compile("dwarf_types.c"), Tools.compileWith("gcc", "dwarf_types.c"),
                Fixtures.compile("dwarf_types.c", "-gdwarf-4"))) {
            LineTable t = LineTable.of(new DebugInfo(Tools.sections(exe)).units().get(0)).orElseThrow();
            String src = Fixtures.source("dwarf_types.c").toString();
            int line = Fixtures.line("dwarf_types.c", "inner");
            LineMatch m = t.addressesFor(src, line).orElseThrow();
            assertFalse(m.moved());
            assertFalse(m.addresses().isEmpty());
            SourcePosition pos = t.lookup(m.addresses().get(0)).orElseThrow();
            assertEquals(line, pos.line());
            assertEquals(src, pos.path());
            // A comment-only line has no code: the request moves forward to the next line that has.
            LineMatch moved = t.addressesFor("dwarf_types.c", Fixtures.line("dwarf_types.c", "nocode")).orElseThrow();
            assertTrue(moved.moved() && moved.line() > moved.requestedLine(), moved.toString());
        }
    }
}
