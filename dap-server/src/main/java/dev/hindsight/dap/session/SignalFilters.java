package dev.hindsight.dap.session;

import dev.hindsight.tracer.Signal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.debug.ExceptionBreakpointsFilter;

/**
 * The signals the program stops for, as DAP exception breakpoint filters: one per fault signal
 * and one for the other signals the engine stops for (SIGTRAP from the program's own {@code int3}).
 * All are on until {@code setExceptionBreakpoints} says otherwise. A signal switched off is
 * passed to the program without a stop, as gdb's {@code handle SIGX nostop pass}: the program's
 * handler runs, or the program dies of it as it would without a debugger.
 */
public final class SignalFilters {
    static final String OTHER = "other";
    private static final List<String[]> FILTERS = List.of(
            new String[] {"SIGSEGV", "SIGSEGV: segmentation fault", "An invalid memory access"},
            new String[] {"SIGFPE", "SIGFPE: arithmetic exception", "Division by zero and other arithmetic faults"},
            new String[] {"SIGABRT", "SIGABRT: abort", "abort(), a failed assert"},
            new String[] {"SIGILL", "SIGILL: illegal instruction", "An invalid or privileged instruction (ud2, __builtin_trap)"},
            new String[] {"SIGBUS", "SIGBUS: bus error", "An access beyond a mapped file's end, a misaligned access"},
            new String[] {OTHER, "Other signals", "Other signals the debugger stops for (SIGTRAP from the program's own int3)"});

    private Set<String> enabled = allIds();

    /** The filters for {@code initialize}'s {@code exceptionBreakpointFilters}, all on by default. */
    public static ExceptionBreakpointsFilter[] filters() {
        return FILTERS.stream().map(f -> {
            ExceptionBreakpointsFilter x = new ExceptionBreakpointsFilter();
            x.setFilter(f[0]);
            x.setLabel(f[1]);
            x.setDescription(f[2]);
            x.setDefault_(true);
            return x;
        }).toArray(ExceptionBreakpointsFilter[]::new);
    }

    /** {@code setExceptionBreakpoints}: exactly these filters on; unknown ids are ignored. */
    public void enable(String[] ids) {
        Set<String> on = new HashSet<>();
        if (ids != null) for (String id : ids) if (allIds().contains(id)) on.add(id);
        enabled = on;
    }

    /** Whether a signal stop is reported (else the program gets the signal and goes on). */
    boolean stops(Signal signal) {
        if (signal == null) return true;
        String name = signal.name();
        boolean known = FILTERS.stream().anyMatch(f -> f[0].equals(name));
        return enabled.contains(known ? name : OTHER);
    }

    private static Set<String> allIds() {
        Set<String> ids = new HashSet<>();
        FILTERS.forEach(f -> ids.add(f[0]));
        return ids;
    }
}
