package dev.hindsight.tracer.dwarf.info;

import dev.hindsight.tracer.dwarf.DwarfCursor;
import dev.hindsight.tracer.dwarf.DwarfFormatException;
import dev.hindsight.tracer.dwarf.DwarfSections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All units of {@code .debug_info}. Unit headers are read up front; a header that cannot be read ends the walk
 * (its length is untrustworthy) and is recorded in {@link #problems()} instead of failing the whole object.
 */
public final class DebugInfo {
    private final DwarfSections sections;
    private final List<CompilationUnit> units = new ArrayList<>();
    private final List<DwarfFormatException> problems = new ArrayList<>();
    private final Map<Long, AbbreviationTable> abbrevCache = new HashMap<>();
    private final Map<Long, CompilationUnit> typeUnits = new HashMap<>();

    public DebugInfo(DwarfSections sections) {
        this.sections = sections;
        DwarfCursor c = sections.cursor(DwarfSections.INFO);
        while (c.hasRemaining()) {
            long at = c.position();
            try {
                CompilationUnit u = new CompilationUnit(this, c);
                units.add(u);
                if (u.type() == UnitType.TYPE || u.type() == UnitType.SPLIT_TYPE) typeUnits.put(u.typeSignature(), u);
            } catch (DwarfFormatException e) {
                problems.add(new DwarfFormatException("unit header at 0x" + Long.toHexString(at) + ": " + e.getMessage(), e));
                break;
            }
        }
    }

    public DwarfSections sections() { return sections; }

    public List<CompilationUnit> units() { return List.copyOf(units); }

    /** Header-level problems met while listing units; DIE-level problems surface from {@link CompilationUnit#root()}. */
    public List<DwarfFormatException> problems() { return List.copyOf(problems); }

    synchronized AbbreviationTable abbreviations(long offset) {
        AbbreviationTable t = abbrevCache.get(offset);
        if (t == null) {
            t = AbbreviationTable.parse(sections.cursor(DwarfSections.ABBREV), offset);
            abbrevCache.put(offset, t);
        }
        return t;
    }

    /** The unit whose byte range holds a {@code .debug_info} offset. */
    public Optional<CompilationUnit> unitAt(long offset) {
        int lo = 0, hi = units.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            CompilationUnit u = units.get(mid);
            if (offset < u.offset()) hi = mid - 1;
            else if (offset >= u.endOffset()) lo = mid + 1;
            else return Optional.of(u);
        }
        return Optional.empty();
    }

    /** DIE at an absolute {@code .debug_info} offset (for DW_FORM_ref_addr), or null. */
    public Die dieAt(long offset) {
        return unitAt(offset).map(u -> u.dieAt(offset)).orElse(null);
    }

    public Optional<CompilationUnit> typeUnit(long signature) {
        return Optional.ofNullable(typeUnits.get(signature));
    }
}
