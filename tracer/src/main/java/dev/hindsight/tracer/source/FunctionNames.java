package dev.hindsight.tracer.source;

import dev.hindsight.tracer.dwarf.info.Die;
import dev.hindsight.tracer.dwarf.info.DieNames;
import dev.hindsight.tracer.dwarf.info.DwAt;
import dev.hindsight.tracer.elf.Demangler;
import java.util.Optional;
import java.util.Set;

/**
 * Function names as gdb prints them in {@code bt} and stop locations. For C, gdb shows the linkage name when the
 * compiler recorded one (glibc's {@code __GI_raise} for {@code raise}); for C++ and the rest,
 * the name qualified by its namespaces and classes ({@code outer::Box<int>::get}), taken from the
 * demangled linkage name when there is one (lambdas: {@code main::$_0::operator()}).
 */
public final class FunctionNames {
    /** DW_LANG_C89, C, C99, C11, C17. */
    private static final Set<Long> C = Set.of(0x1L, 0x2L, 0xcL, 0x1dL, 0x2cL);

    private FunctionNames() {}

    /** The name of a subprogram or inlined call as gdb shows it in a backtrace. */
    public static String of(Die function) {
        long language = function.unit().root().unsigned(DwAt.LANGUAGE).orElse(-1);
        String linkage = DieNames.linkageName(function);
        if (linkage != null && !linkage.isEmpty()) {
            if (C.contains(language)) return linkage;
            Optional<Demangler.Function> f = Demangler.function(linkage);
            if (f.isPresent()) return cxx(f.get());
        }
        return DieNames.qualifiedName(function);
    }

    /**
     * gdb names a C++ function by its demangled linkage name and drops the parameters, except
     * where its C++ name parser fails, as it does on function types in template arguments
     * ({@code std::function<int (int)>::operator()(int) const}).
     */
    private static String cxx(Demangler.Function f) {
        boolean functionType = f.name().replace("(anonymous namespace)", "").replace("operator()", "").contains("(");
        return functionType && f.parameters() != null ? f.name() + f.parameters() : f.name();
    }
}
