package dev.hindsight.tracer.values.scope;

import dev.hindsight.tracer.dwarf.DwarfFormatException;
import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.info.DebugInfo;
import dev.hindsight.tracer.dwarf.info.Die;
import dev.hindsight.tracer.dwarf.info.DieNames;
import dev.hindsight.tracer.dwarf.info.DieRanges;
import dev.hindsight.tracer.dwarf.info.DwAt;
import dev.hindsight.tracer.dwarf.info.DwTag;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Module-wide names: defined global variables and functions with code, by plain and qualified
 * name, so a unit that only declares {@code extern int x;} or calls {@code f} still finds them.
 */
final class Definitions {
    private static final Map<DebugInfo, Definitions> CACHE = new WeakHashMap<>();

    private final Map<String, Die> variables = new HashMap<>();
    private final Map<String, Die> functions = new HashMap<>();

    private Definitions(DebugInfo info) {
        for (CompilationUnit u : info.units()) {
            try {
                index(u.root());
            } catch (DwarfFormatException e) {
                // A damaged unit contributes nothing.
            }
        }
    }

    static Definitions of(DebugInfo info) {
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(info, Definitions::new);
        }
    }

    private void index(Die parent) {
        for (Die d : parent.children()) {
            int tag = d.tag();
            if (tag == DwTag.VARIABLE && d.has(DwAt.LOCATION)) {
                put(variables, d);
            } else if (tag == DwTag.SUBPROGRAM && !DieRanges.of(d).isEmpty()) {
                put(functions, d);
            } else if (tag == DwTag.NAMESPACE) {
                index(d);
            }
        }
    }

    private static void put(Map<String, Die> map, Die d) {
        String plain = DieNames.name(d), qualified = DieNames.qualifiedName(d);
        if (qualified != null) map.putIfAbsent(qualified, d);
        if (plain != null) map.putIfAbsent(plain, d);
    }

    Optional<Die> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    Optional<Die> function(String name) {
        return Optional.ofNullable(functions.get(name));
    }
}
