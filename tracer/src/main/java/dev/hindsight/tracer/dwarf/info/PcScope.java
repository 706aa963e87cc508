package dev.hindsight.tracer.dwarf.info;

import java.util.List;
import java.util.Optional;

/**
 * What contains a pc: the unit, and the chain of subprogram, inlined-subroutine and lexical-block DIEs from the
 * outermost function to the innermost block.
 */
public record PcScope(CompilationUnit unit, List<Die> chain) {
    /** The concrete (out-of-line) function: the outermost DW_TAG_subprogram of the chain. */
    public Optional<Die> function() {
        for (Die d : chain) if (d.tag() == DwTag.SUBPROGRAM) return Optional.of(d);
        return Optional.empty();
    }

    /** The innermost function-like scope: an inlined call if the pc is inside one, else the function. */
    public Optional<Die> innermostFunction() {
        for (int i = chain.size() - 1; i >= 0; i--) {
            int t = chain.get(i).tag();
            if (t == DwTag.INLINED_SUBROUTINE || t == DwTag.SUBPROGRAM) return Optional.of(chain.get(i));
        }
        return Optional.empty();
    }

    /** Inlined calls from outermost to innermost; each has DW_AT_call_file/call_line of its call site. */
    public List<Die> inlinedCalls() {
        return chain.stream().filter(d -> d.tag() == DwTag.INLINED_SUBROUTINE).toList();
    }
}
