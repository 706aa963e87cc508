package dev.hindsight.dap.session;

import dev.hindsight.tracer.breakpoints.Breakpoint;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.breakpoints.WatchKind;
import dev.hindsight.tracer.source.SourceView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The client's breakpoints by kind, kept across launches (they may arrive before the program
 * exists, and survive a restart) and installed into the current {@link Target}. Each
 * {@code set…Breakpoints} request replaces the previous set of its kind (per file for source
 * breakpoints), as DAP specifies. Session thread only.
 */
public final class BreakpointRegistry {
    private final Map<Integer, DapBreakpoint> all = new LinkedHashMap<>();
    private int nextId = 1;

    public int nextId() {
        return nextId++;
    }

    /** Replaces the breakpoints of one kind (and one file, for source breakpoints) with {@code fresh}. */
    public List<DapBreakpoint> replace(Predicate<DapBreakpoint> old, List<DapBreakpoint> fresh, Target target) {
        for (DapBreakpoint b : new ArrayList<>(all.values())) {
            if (old.test(b)) {
                uninstall(b, target);
                all.remove(b.id);
            }
        }
        for (DapBreakpoint b : fresh) {
            all.put(b.id, b);
            if (target != null) install(b, target);
        }
        return fresh;
    }

    /** Installs every breakpoint into a newly started program; returns them for breakpoint events. */
    List<DapBreakpoint> installAll(Target target) {
        for (DapBreakpoint b : all.values()) {
            b.targetId = -1;
            b.hits = 0;
            install(b, target);
        }
        return List.copyOf(all.values());
    }

    /** Forgets engine ids after the program ended (the breakpoints themselves stay for a restart). */
    void detachAll() {
        for (DapBreakpoint b : all.values()) {
            b.targetId = -1;
            b.message = "pending until the program is launched";
        }
    }

    /** The breakpoints installed in the program now, each with the engine breakpoint it became (for history queries). */
    public Map<DapBreakpoint, Optional<Breakpoint>> installed(Target target) {
        Map<DapBreakpoint, Optional<Breakpoint>> out = new LinkedHashMap<>();
        List<Breakpoint> engine = target.breakpoints().all();
        for (DapBreakpoint b : all.values()) {
            if (b.targetId < 0) continue;
            out.put(b, engine.stream().filter(e -> e.id() == b.targetId).findFirst());
        }
        return out;
    }

    List<DapBreakpoint> byTargetIds(List<Integer> targetIds) {
        List<DapBreakpoint> hit = new ArrayList<>();
        for (DapBreakpoint b : all.values()) if (b.targetId >= 0 && targetIds.contains(b.targetId)) hit.add(b);
        return hit;
    }

    /**
     * Which of the hit breakpoints stop the program: conditions are checked, hit counts counted,
     * log points print and never stop. A condition that cannot be evaluated stops (and says why).
     */
    List<DapBreakpoint> stopping(List<DapBreakpoint> hit, ExpressionSource values, Consumer<String> console) {
        List<DapBreakpoint> stop = new ArrayList<>();
        for (DapBreakpoint b : hit) {
            if (b.condition != null) {
                try {
                    if (!Truth.isTrue(values.evaluate(b.condition))) continue;
                } catch (RuntimeException e) {
                    console.accept("breakpoint " + b.id + ": cannot evaluate condition '" + b.condition + "': "
                            + e.getMessage() + "\n");
                    stop.add(b);
                    continue;
                }
            }
            b.hits++;
            if (b.hitCondition != null && !b.hitCondition.matches(b.hits)) continue;
            if (b.logMessage != null) {
                console.accept(LogMessage.interpolate(b.logMessage, values) + "\n");
                continue;
            }
            stop.add(b);
        }
        return stop;
    }

    private void install(DapBreakpoint b, Target target) {
        try {
            Breakpoint bp = switch (b.kind) {
                case SOURCE -> installLine(b, target);
                case FUNCTION -> installFunction(b, target);
                case INSTRUCTION -> target.breakpoints().add(b.address);
                case DATA -> watch(b, target);
            };
            if (bp == null) return;
            b.targetId = bp.id();
            b.pending = !bp.verified();
            b.message = !b.pending ? null : b.kind == DapBreakpoint.Kind.FUNCTION
                    ? "no function named '" + b.what + "' is loaded (pending until a library defines it)"
                    : "no code at or after line " + b.requestedLine + " of " + b.what + " is loaded (pending until a library has it)";
        } catch (RuntimeException e) {
            b.targetId = -1;
            b.message = e.getMessage();
        }
    }

    /** The engine resolved a pending breakpoint (a library was loaded); the client's breakpoint to announce, if any. */
    Optional<DapBreakpoint> resolved(Breakpoint bp, Target target) {
        for (DapBreakpoint b : all.values()) {
            if (b.targetId != bp.id() || !b.pending || !bp.verified()) continue;
            b.pending = false;
            b.message = null;
            target.symbols().sourceAt(bp.addresses().get(0)).ifPresent(p -> b.line = p.line().line());
            return Optional.of(b);
        }
        return Optional.empty();
    }

    /**
     * A recording's index knows every instruction's reads and writes, so it watches reads alone; a
     * live process's debug registers cannot, so a read watch there is a read/write watch.
     */
    private static Breakpoint watch(DapBreakpoint b, Target target) {
        WatchKind kind = b.watchKind == WatchKind.READ && target.timeTravel().isEmpty() ? WatchKind.READ_WRITE : b.watchKind;
        return target.breakpoints().addWatch(b.address, b.length, kind);
    }

    private static Breakpoint installLine(DapBreakpoint b, Target target) {
        Optional<SourceView.ResolvedLine> r = target.symbols().source().resolve(b.what, b.requestedLine);
        if (r.isEmpty()) return target.breakpoints().addLine(b.what, b.requestedLine); // pending
        b.line = r.get().line();
        Breakpoint bp = target.breakpoints().add(b.what + ":" + b.line, r.get().addresses());
        // A line that starts a function breaks after its prologue (as gdb does): the line reported
        // is the one the program stops at, as for function breakpoints and resolved pending ones.
        target.symbols().sourceAt(r.get().addresses().get(0)).ifPresent(p -> b.line = p.line().line());
        return bp;
    }

    private static Breakpoint installFunction(DapBreakpoint b, Target target) {
        Breakpoint bp = target.breakpoints().addFunction(b.what);
        if (bp.verified()) {
            target.symbols().sourceAt(bp.addresses().get(0)).ifPresent(p -> b.line = p.line().line());
        }
        return bp;
    }

    private static void uninstall(DapBreakpoint b, Target target) {
        if (b.targetId < 0 || target == null) return;
        try {
            target.breakpoints().remove(b.targetId);
        } catch (RuntimeException e) {
            // The program is gone; nothing is planted any more.
        }
        b.targetId = -1;
    }
}
