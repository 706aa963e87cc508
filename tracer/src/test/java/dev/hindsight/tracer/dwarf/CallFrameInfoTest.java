package dev.hindsight.tracer.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hindsight.tracer.dwarf.cfi.CallFrameInfo;
import dev.hindsight.tracer.dwarf.cfi.CfaInterpreter;
import dev.hindsight.tracer.dwarf.cfi.CfaRule;
import dev.hindsight.tracer.dwarf.cfi.FrameDescriptionEntry;
import dev.hindsight.tracer.dwarf.cfi.RegisterRule;
import dev.hindsight.tracer.dwarf.cfi.UnwindRow;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every CFI row printed by {@code readelf --debug-dump=frames-interp} recomputed by our interpreter. */
class CallFrameInfoTest {
    private static final Map<String, Integer> REGS = Map.ofEntries(Map.entry("rax", 0), Map.entry("rdx", 1),
            Map.entry("rcx", 2), Map.entry("rbx", 3), Map.entry("rsi", 4), Map.entry("rdi", 5), Map.entry("rbp", 6),
            Map.entry("rsp", 7), Map.entry("r8", 8), Map.entry("r9", 9), Map.entry("r10", 10), Map.entry("r11", 11),
            Map.entry("r12", 12), Map.entry("r13", 13), Map.entry("r14", 14), Map.entry("r15", 15), Map.entry("ra", 16));

    static Stream<Arguments> objects() {
        List<Arguments> out = new ArrayList<>(DebugInfoTest.binaries().toList());
        Path libc = Paths.get("/lib/x86_64-linux-gnu/libc.so.6");
        if (Files.exists(libc)) out.add(Arguments.of("libc", libc));
        out.add(Arguments.of("gcc C gdwarf-4", Tools.compileWith("gcc", "dwarf_types.c", "-gdwarf-4")));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objects")
    void rowsMatchReadelf(String label, Path exe) {
        DwarfSections sections = Tools.sections(exe);
        String out = Tools.run("readelf", "--debug-dump=frames-interp", exe.toString());
        int debugFrame = indexOfOr(out, "Contents of the .debug_frame", out.length());
        compare(label, CallFrameInfo.ehFrame(sections), out.substring(0, debugFrame));
        if (debugFrame < out.length()) compare(label + " .debug_frame", CallFrameInfo.debugFrame(sections), out.substring(debugFrame));
    }

    @org.junit.jupiter.api.Test
    void debugFrameOfCodeWithoutUnwindTables() {
        Path exe = Tools.compileWith("gcc", "dwarf_types.c", "-fno-asynchronous-unwind-tables", "-fno-exceptions");
        String out = Tools.run("readelf", "--debug-dump=frames-interp", exe.toString());
        int debugFrame = out.indexOf("Contents of the .debug_frame");
        assertTrue(debugFrame >= 0, out);
        compare("gcc .debug_frame", CallFrameInfo.debugFrame(Tools.sections(exe)), out.substring(debugFrame));
    }

    private static void compare(String label, CallFrameInfo cfi, String out) {
        assertTrue(cfi.problems().isEmpty(), cfi.problems().toString());
        Pattern fdeLine = Pattern.compile("^[0-9a-f]+ [0-9a-f]+ [0-9a-f]+ FDE cie=[0-9a-f]+ pc=([0-9a-f]+)\\.\\.([0-9a-f]+)");
        Pattern token = Pattern.compile("r\\d+ \\(\\w+\\)|\\S+");
        List<String> columns = List.of();
        int fdes = 0, rows = 0;
        FrameDescriptionEntry fde = null;
        for (String line : out.split("\n")) {
            Matcher f = fdeLine.matcher(line);
            if (f.find()) {
                long begin = Long.parseUnsignedLong(f.group(1), 16);
                Optional<FrameDescriptionEntry> found = cfi.fdeFor(begin);
                assertTrue(found.isPresent(), label + " no FDE at 0x" + f.group(1));
                fde = found.get();
                assertEquals(Long.parseUnsignedLong(f.group(2), 16), fde.pcEnd(), label);
                fdes++;
                continue;
            }
            if (line.contains(" CIE ")) {
                fde = null;
                continue;
            }
            if (line.trim().startsWith("LOC")) {
                columns = List.of(line.trim().split("\\s+"));
                continue;
            }
            if (fde == null || !line.matches("^[0-9a-f]{16} .*")) continue;
            List<String> cells = new ArrayList<>();
            Matcher t = token.matcher(line);
            while (t.find()) cells.add(t.group());
            long loc = Long.parseUnsignedLong(cells.get(0), 16);
            UnwindRow row = CfaInterpreter.rowAt(fde, loc);
            String where = label + " @0x" + Long.toHexString(loc);
            assertEquals(cells.get(1), render(row.cfa()), where);
            for (int i = 2; i < columns.size() && i < cells.size(); i++) {
                Integer reg = REGS.get(columns.get(i));
                if (reg == null) continue;
                if (reg == 16) reg = row.returnAddressRegister();
                assertEquals(cells.get(i), render(row.rule(reg)), where + " " + columns.get(i));
            }
            rows++;
        }
        assertTrue(fdes > 0 && rows > 0, label);
        assertEquals(fdes, cfi.fdes().size(), label + " FDE count");
    }

    private static int indexOfOr(String s, String needle, int otherwise) {
        int i = s.indexOf(needle);
        return i < 0 ? otherwise : i;
    }

    private static String render(CfaRule cfa) {
        if (cfa instanceof CfaRule.RegisterOffset ro) return regName(ro.register()) + (ro.offset() >= 0 ? "+" : "") + ro.offset();
        return "exp";
    }

    private static String render(RegisterRule r) {
        if (r == null || r instanceof RegisterRule.Undefined) return "u";
        if (r instanceof RegisterRule.SameValue) return "s";
        if (r instanceof RegisterRule.Offset o) return "c" + (o.offset() >= 0 ? "+" : "") + o.offset();
        if (r instanceof RegisterRule.ValOffset o) return "v" + (o.offset() >= 0 ? "+" : "") + o.offset();
        if (r instanceof RegisterRule.InRegister ir) return "r" + ir.register() + " (" + regName(ir.register()) + ")";
        if (r instanceof RegisterRule.Expression) return "exp";
        return "vexp";
    }

    private static String regName(int n) {
        for (Map.Entry<String, Integer> e : REGS.entrySet()) if (e.getValue() == n && n != 16) return e.getKey();
        return "r" + n;
    }
}
