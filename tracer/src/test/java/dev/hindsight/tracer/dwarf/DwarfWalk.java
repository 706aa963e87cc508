package dev.hindsight.tracer.dwarf;

import dev.hindsight.tracer.dwarf.cfi.CallFrameInfo;
import dev.hindsight.tracer.dwarf.cfi.CfaInterpreter;
import dev.hindsight.tracer.dwarf.cfi.FrameDescriptionEntry;
import dev.hindsight.tracer.dwarf.expr.LocationLists;
import dev.hindsight.tracer.dwarf.info.AddressIndex;
import dev.hindsight.tracer.dwarf.info.Attribute;
import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.info.DebugInfo;
import dev.hindsight.tracer.dwarf.info.Die;
import dev.hindsight.tracer.dwarf.info.DieNames;
import dev.hindsight.tracer.dwarf.info.DieRanges;
import dev.hindsight.tracer.dwarf.info.DwAt;
import dev.hindsight.tracer.dwarf.info.DwForm;
import dev.hindsight.tracer.dwarf.line.LineRow;
import dev.hindsight.tracer.dwarf.line.LineTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Visits everything the DWARF reader can be asked for in a set of sections: every unit, every DIE
 * and attribute (names, ranges, location lists), every line table row, every CFI entry's rows.
 * {@link DwarfFormatException} is the reader's documented way to reject damaged data; it is
 * counted per piece, so one bad unit does not hide the rest. Anything else propagates: a bug.
 */
public final class DwarfWalk {
    public int units, dies, lineRows, fdes;
    public final List<String> problems = new ArrayList<>();
    /** Upper bound on DIEs visited per file, to keep walks over huge files bounded. */
    private final int dieBudget;

    public DwarfWalk(int dieBudget) {
        this.dieBudget = dieBudget;
    }

    public DwarfWalk walk(DwarfSections s) {
        guard("debug_info", () -> {
            if (!s.has(DwarfSections.INFO)) return;
            DebugInfo info = new DebugInfo(s);
            info.problems().forEach(p -> problems.add(p.getMessage()));
            for (CompilationUnit u : info.units()) {
                units++;
                guard("unit", () -> walkUnit(u));
                guard("lines", () -> LineTable.of(u).ifPresent(this::walkLines));
            }
            guard("index", () -> {
                AddressIndex index = new AddressIndex(info);
                index.problems().forEach(p -> problems.add(p.getMessage()));
                for (long pc = 0; pc < 1 << 20; pc += 4099) index.scopeAt(pc);
            });
        });
        guard("eh_frame", () -> walkCfi(CallFrameInfo.ehFrame(s)));
        guard("debug_frame", () -> walkCfi(CallFrameInfo.debugFrame(s)));
        return this;
    }

    private void walkUnit(CompilationUnit u) {
        for (Die d : u.allDies()) {
            if (dies >= dieBudget) return;
            dies++;
            guard("die", () -> {
                for (Attribute a : d.attributes()) {
                    d.decoded(a);
                    boolean list = a.form() == DwForm.LOCLISTX || a.form() == DwForm.SEC_OFFSET;
                    if (list && (a.name() == DwAt.LOCATION || a.name() == DwAt.FRAME_BASE)) LocationLists.entries(d, a);
                }
                DieRanges.of(d);
                DieNames.qualifiedName(d);
                DieNames.linkageName(d);
            });
        }
    }

    private void walkLines(LineTable t) {
        for (List<LineRow> seq : t.sequences()) {
            for (LineRow r : seq) {
                lineRows++;
                if (lineRows % 97 == 0) t.lookup(r.address());
            }
        }
        for (int i = 0; i < t.files().size(); i++) t.path(i);
    }

    private void walkCfi(CallFrameInfo cfi) {
        cfi.problems().forEach(p -> problems.add(p.getMessage()));
        for (FrameDescriptionEntry fde : cfi.fdes()) {
            fdes++;
            guard("fde", () -> CfaInterpreter.rowAt(fde, fde.pcEnd() - 1));
            cfi.fdeFor(fde.pcBegin());
        }
    }

    private void guard(String what, Runnable r) {
        try {
            r.run();
        } catch (DwarfFormatException e) {
            problems.add(what + ": " + e.getMessage());
        }
    }
}
