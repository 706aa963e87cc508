package dev.hindsight.tracer.dwarf.info;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Names of DIEs as a user would write them: following DW_AT_abstract_origin and DW_AT_specification to the
 * declaration, and qualifying with enclosing namespaces and classes ({@code geo::Box<int>::get}).
 */
public final class DieNames {
    private static final int MAX_HOPS = 16;

    private DieNames() {}

    /** The declaration DIE this one completes or inlines, or the DIE itself. */
    public static Die declaration(Die die) {
        Die d = die;
        for (int i = 0; i < MAX_HOPS; i++) {
            Optional<Die> next = d.reference(DwAt.ABSTRACT_ORIGIN);
            if (next.isEmpty()) next = d.reference(DwAt.SPECIFICATION);
            if (next.isEmpty() || next.get() == d) return d;
            d = next.get();
        }
        return d;
    }

    public static String name(Die die) {
        Die d = die;
        for (int i = 0; i < MAX_HOPS && d != null; i++) {
            if (d.name() != null) return d.name();
            Optional<Die> next = d.reference(DwAt.ABSTRACT_ORIGIN);
            if (next.isEmpty()) next = d.reference(DwAt.SPECIFICATION);
            d = next.orElse(null);
        }
        return null;
    }

    public static String linkageName(Die die) {
        Die d = die;
        for (int i = 0; i < MAX_HOPS && d != null; i++) {
            Optional<String> n = d.string(DwAt.LINKAGE_NAME);
            if (n.isEmpty()) n = d.string(DwAt.MIPS_LINKAGE_NAME);
            if (n.isPresent()) return n.get();
            Optional<Die> next = d.reference(DwAt.ABSTRACT_ORIGIN);
            if (next.isEmpty()) next = d.reference(DwAt.SPECIFICATION);
            d = next.orElse(null);
        }
        return null;
    }

    /** Name qualified by the namespaces, classes, structs and unions that declare it. */
    public static String qualifiedName(Die die) {
        String own = name(die);
        if (own == null) return null;
        Deque<String> parts = new ArrayDeque<>();
        parts.push(own);
        Die scope = declaration(die).parent();
        for (int i = 0; i < 64 && scope != null; i++) {
            int t = scope.tag();
            if (t == DwTag.NAMESPACE || t == DwTag.STRUCTURE_TYPE || t == DwTag.CLASS_TYPE || t == DwTag.UNION_TYPE
                    || t == DwTag.ENUMERATION_TYPE && scope.flag(DwAt.ENUM_CLASS)) {
                String n = scope.name();
                parts.push(n == null ? "(anonymous namespace)" : n);
            } else if (t == DwTag.SUBPROGRAM) {
                break;
            }
            scope = scope.parent();
        }
        return String.join("::", parts);
    }
}
