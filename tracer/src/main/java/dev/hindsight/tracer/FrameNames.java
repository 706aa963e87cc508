package dev.hindsight.tracer;

import dev.hindsight.tracer.dwarf.info.Die;
import dev.hindsight.tracer.dwarf.info.DieNames;
import dev.hindsight.tracer.dwarf.info.DwAt;
import java.util.Set;

/**
 * Function names as gdb's {@code bt} prints them. For C, gdb shows the linkage name when the
 * compiler recorded one (glibc's {@code __GI_raise} for {@code raise}); for C++ and the rest,
 * the name qualified by its namespaces and classes ({@code outer::Box<int>::get}).
 */
final class FrameNames {
    /** DW_LANG_C89, C, C99, C11, C17. */
    private static final Set<Long> C = Set.of(0x1L, 0x2L, 0xcL, 0x1dL, 0x2cL);

    private FrameNames() {}

    static String of(Die function) {
        long language = function.unit().root().unsigned(DwAt.LANGUAGE).orElse(-1);
        if (C.contains(language)) {
            String linkage = DieNames.linkageName(function);
            if (linkage != null && !linkage.isEmpty()) return linkage;
        }
        return DieNames.qualifiedName(function);
    }
}
