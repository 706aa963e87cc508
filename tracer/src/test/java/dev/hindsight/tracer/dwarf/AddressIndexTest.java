package dev.hindsight.tracer.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.dwarf.info.AddressIndex;
import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.info.DebugInfo;
import dev.hindsight.tracer.dwarf.info.Die;
import dev.hindsight.tracer.dwarf.info.DieNames;
import dev.hindsight.tracer.dwarf.info.DwAt;
import dev.hindsight.tracer.dwarf.info.PcScope;
import dev.hindsight.tracer.dwarf.line.LineRow;
import dev.hindsight.tracer.dwarf.line.LineTable;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** pc to unit/function/block/inlined-call lookups, against llvm-dwarfdump --lookup at sampled line-table pcs. */
class AddressIndexTest {
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> binaries() {
        return DebugInfoTest.binaries();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaries")
    void innermostScopeMatchesDwarfdumpLookup(String label, Path exe) {
        DebugInfo info = new DebugInfo(Tools.sections(exe));
        AddressIndex index = new AddressIndex(info);
        assertTrue(index.problems().isEmpty());
        TreeSet<Long> pcs = new TreeSet<>();
        for (CompilationUnit u : info.units()) {
            for (List<LineRow> seq : LineTable.of(u).orElseThrow().sequences()) {
                for (LineRow r : seq) if (!r.endSequence()) pcs.add(r.address());
            }
        }
        List<Long> sample = new ArrayList<>(pcs);
        int step = Math.max(1, sample.size() / 25);
        Pattern die = Pattern.compile("^0x([0-9a-f]+):\\s+DW_TAG_(\\w+)");
        for (int i = 0; i < sample.size(); i += step) {
            long pc = sample.get(i);
            long expected = -1;
            boolean unitFound = false;
            for (String l : Tools.run(Tools.dwarfdump(), "--lookup=0x" + Long.toHexString(pc), exe.toString()).split("\n")) {
                Matcher m = die.matcher(l);
                if (m.find()) {
                    if (m.group(2).equals("compile_unit")) unitFound = true;
                    else expected = Long.parseLong(m.group(1), 16);
                }
            }
            Optional<PcScope> scope = index.scopeAt(pc);
            String where = label + " pc 0x" + Long.toHexString(pc);
            assertEquals(unitFound, scope.isPresent(), where);
            if (!unitFound) continue;
            // llvm-dwarfdump reports at most one block level below the function, so it must be on our chain.
            List<Long> chain = scope.get().chain().stream().map(Die::offset).toList();
            if (expected < 0) assertTrue(chain.isEmpty(), where + " " + chain);
            else assertTrue(chain.contains(expected), where + " expected 0x" + Long.toHexString(expected) + " in " + scope.get().chain());
        }
    }

    @Test
    void optimizedCppReportsInlinedCallSites() {
        for (Path exe : List.of(Fixtures.compile("dwarf_classes.cpp", "-O2"), Tools.compileWith("g++", "dwarf_classes.cpp", "-O2"))) {
            DebugInfo info = new DebugInfo(Tools.sections(exe));
            AddressIndex index = new AddressIndex(info);
            int inlined = 0;
            for (CompilationUnit u : info.units()) {
                for (List<LineRow> seq : LineTable.of(u).orElseThrow().sequences()) {
                    for (LineRow r : seq) {
                        Optional<PcScope> s = index.scopeAt(r.address());
                        if (s.isEmpty() || s.get().inlinedCalls().isEmpty()) continue;
                        Die call = s.get().inlinedCalls().get(0);
                        assertTrue(call.unsigned(DwAt.CALL_LINE).isPresent(), call.toString());
                        assertTrue(call.unsigned(DwAt.CALL_FILE).isPresent(), call.toString());
                        assertTrue(DieNames.name(call) != null, call.toString());
                        assertTrue(s.get().function().isPresent());
                        inlined++;
                    }
                }
            }
            assertTrue(inlined > 0, exe.toString());
        }
    }

    @Test
    void qualifiedNamesIncludeNamespacesAndTemplates() {
        DebugInfo info = new DebugInfo(Tools.sections(Fixtures.compile("dwarf_classes.cpp")));
        AddressIndex index = new AddressIndex(info);
        LineTable t = LineTable.of(info.units().get(0)).orElseThrow();
        long pc = t.addressesFor(Fixtures.source("dwarf_classes.cpp").toString(),
                Fixtures.line("dwarf_classes.cpp", "area")).orElseThrow().addresses().get(0);
        Die fn = index.scopeAt(pc).orElseThrow().function().orElseThrow();
        assertEquals("geo::Rect::area", DieNames.qualifiedName(fn));
        List<String> names = new ArrayList<>();
        for (Die d : info.units().get(0).allDies()) {
            String q = d.name() != null ? DieNames.qualifiedName(d) : null;
            if (q != null) names.add(q);
        }
        assertTrue(names.contains("geo::Box<int>"), names.toString());
        assertTrue(names.contains("geo::Box<double>::get"), names.toString());
    }
}
