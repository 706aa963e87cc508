package dev.hindsight.tracer.dwarf.info;

import dev.hindsight.tracer.dwarf.DwarfFormatException;
import dev.hindsight.tracer.dwarf.DwarfSections;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a pc to its unit and scopes. Built once over all units; a unit whose DIEs are malformed is left out (and
 * listed in {@link #problems()}) rather than making the whole object unusable.
 */
public final class AddressIndex {
    private record Entry(AddressRange range, CompilationUnit unit) {}

    private final List<Entry> entries = new ArrayList<>();
    private final List<DwarfFormatException> problems = new ArrayList<>();

    public AddressIndex(DebugInfo info) {
        Map<Long, List<AddressRange>> aranges = Map.of();
        try {
            if (info.sections().has(DwarfSections.ARANGES)) aranges = Aranges.read(info.sections());
        } catch (DwarfFormatException e) {
            problems.add(e); // index every unit from its DIEs instead
        }
        for (CompilationUnit u : info.units()) {
            try {
                if (u.type() != UnitType.COMPILE && u.type() != UnitType.PARTIAL && u.type() != UnitType.SKELETON) continue;
                List<AddressRange> known = aranges.get(u.offset());
                if (known != null && !known.isEmpty()) {
                    // Without parsing the unit's DIEs: that happens when a pc inside it is first asked about.
                    for (AddressRange r : known) entries.add(new Entry(r, u));
                    continue;
                }
                List<AddressRange> ranges = DieRanges.of(u.top());
                if (ranges.isEmpty()) ranges = functionRanges(u.root());
                for (AddressRange r : ranges) entries.add(new Entry(r, u));
            } catch (DwarfFormatException e) {
                problems.add(e);
            }
        }
        entries.sort(Comparator.comparing(e -> e.range().low(), Long::compareUnsigned));
    }

    private static List<AddressRange> functionRanges(Die root) {
        List<AddressRange> out = new ArrayList<>();
        for (Die d : root.children()) if (d.tag() == DwTag.SUBPROGRAM) out.addAll(DieRanges.of(d));
        return out;
    }

    public List<DwarfFormatException> problems() {
        return List.copyOf(problems);
    }

    public Optional<CompilationUnit> unitFor(long pc) {
        int lo = 0, hi = entries.size() - 1, last = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(entries.get(mid).range().low(), pc) <= 0) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        // Ranges may nest or overlap: the covering one is not always the last that starts below pc.
        for (int i = last; i >= 0; i--) if (entries.get(i).range().contains(pc)) return Optional.of(entries.get(i).unit());
        return Optional.empty();
    }

    /** Unit and scope chain at {@code pc}; empty when no unit covers it. */
    public Optional<PcScope> scopeAt(long pc) {
        return unitFor(pc).map(u -> new PcScope(u, chain(u.root(), pc)));
    }

    private static List<Die> chain(Die root, long pc) {
        List<Die> chain = new ArrayList<>();
        find(root, pc, chain, 0);
        return chain;
    }

    /**
     * Depth-first search for scopes containing pc. DIEs without addresses (namespaces, classes, abstract
     * subprograms holding concrete nested functions) are searched through but not added to the chain.
     */
    private static boolean find(Die node, long pc, List<Die> chain, int depth) {
        if (depth > 256) return false;
        // Backwards, so that of two functions with the same range (assembly aliases such as glibc's clone3 and
        // __clone3) the later one is found, as gdb finds it.
        List<Die> children = node.children();
        for (int i = children.size() - 1; i >= 0; i--) {
            Die c = children.get(i);
            int t = c.tag();
            boolean scope = t == DwTag.SUBPROGRAM || t == DwTag.INLINED_SUBROUTINE || t == DwTag.LEXICAL_BLOCK;
            boolean container = scope || t == DwTag.NAMESPACE || t == DwTag.STRUCTURE_TYPE || t == DwTag.CLASS_TYPE
                    || t == DwTag.UNION_TYPE;
            if (!container || c.children().isEmpty() && !scope) continue;
            List<AddressRange> ranges = scope ? DieRanges.of(c) : List.of();
            if (!ranges.isEmpty()) {
                if (ranges.stream().noneMatch(r -> r.contains(pc))) {
                    // gcc nests member functions of local classes inside the enclosing function's DIE even though
                    // their code lies elsewhere, so a function that misses pc may still hold one that covers it.
                    if (t == DwTag.SUBPROGRAM && find(c, pc, chain, depth + 1)) return true;
                    continue;
                }
                chain.add(c);
                find(c, pc, chain, depth + 1);
                return true;
            }
            if (find(c, pc, chain, depth + 1)) return true;
        }
        return false;
    }
}
