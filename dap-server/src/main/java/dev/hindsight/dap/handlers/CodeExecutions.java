package dev.hindsight.dap.handlers;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.index.IndexReader;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.source.SourceView;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The code a history request names (a line's statement addresses, a function's entry, an
 * address) and the times it ran, from the index. Shared by gotoTargets, executions and the
 * timeline's breakpoint markers.
 */
final class CodeExecutions {
    private CodeExecutions() {}

    /** The statement addresses of {@code line}, which must itself have code (no sliding to the next line, as breakpoints do). */
    static List<Long> line(Target target, String file, int line) {
        Optional<SourceView.ResolvedLine> r = target.symbols().source().resolve(file, line);
        if (r.isEmpty()) throw new DapException(ErrorCode.INVALID_ARGUMENTS, "line " + line + " of " + file + " has no code");
        if (r.get().line() != line) {
            throw new DapException(ErrorCode.INVALID_ARGUMENTS, "line " + line + " of " + file + " has no code (the next line with code is "
                    + r.get().line() + ")");
        }
        return r.get().addresses();
    }

    /** The first instruction of a function (its entry, before the prologue). */
    static long function(Target target, String name) {
        return target.symbols().addressOf(name).orElseThrow(() -> new DapException(ErrorCode.INVALID_ARGUMENTS, "no function named '" + name + "'"));
    }

    /** The addresses as the index's execution queries take them. */
    static long[] addresses(List<Long> addresses) {
        return addresses.stream().mapToLong(Long::longValue).distinct().toArray();
    }

    /** Every time one of {@code addresses} ran, ascending. */
    static long[] times(IndexReader index, List<Long> addresses) {
        long[] all = new long[0];
        for (long a : addresses) {
            long[] t = index.executionsOf(a, a + 1, 0, Integer.MAX_VALUE);
            int n = all.length;
            all = Arrays.copyOf(all, n + t.length);
            System.arraycopy(t, 0, all, n, t.length);
        }
        Arrays.sort(all);
        return all;
    }
}
