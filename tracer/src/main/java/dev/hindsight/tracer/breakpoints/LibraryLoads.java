package dev.hindsight.tracer.breakpoints;

import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.source.SourceView;
import dev.hindsight.tracer.symbols.ModuleTracker;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Pending breakpoints, as gdb has them: a function or source line no loaded object has yet stays
 * asked for, and is resolved again each time the dynamic linker reports that the set of loaded
 * objects changed (at start-up for DT_NEEDED libraries, and at every dlopen). ld.so calls its
 * {@code r_brk} function, {@code _dl_debug_state}, after each change for exactly this purpose; an
 * engine-only breakpoint there never shows as a stop.
 */
final class LibraryLoads {
    /** What the user asked for: a function (line 0, file null) or a source line. */
    private record Request(String function, String file, int line) {}

    private final Backend backend;
    private final BreakpointTable table;
    private final ModuleTracker modules;
    private final Consumer<Breakpoint> resolved;
    private final Map<Integer, Request> pending = new ConcurrentHashMap<>();

    /** @param resolved told of each pending breakpoint that got its addresses (on the engine's thread) */
    LibraryLoads(Backend backend, BreakpointTable table, ModuleTracker modules, Consumer<Breakpoint> resolved) {
        this.backend = backend;
        this.table = table;
        this.modules = modules;
        this.resolved = resolved;
    }

    /** Plants the engine's breakpoint on ld.so's notification function (none in static programs). */
    void watch() {
        OptionalLong brk = modules.modules().resolve("_dl_debug_state");
        if (brk.isEmpty()) return;
        table.acquire(brk.getAsLong());
        long address = brk.getAsLong();
        backend.onBreakpointSilently(address, () -> {
            loadedObjectsChanged();
            return !table.userBreakpointsAt(address).isEmpty();
        });
    }

    void pendFunction(int id, String name) {
        pending.put(id, new Request(name, null, 0));
    }

    void pendLine(int id, String file, int line) {
        pending.put(id, new Request(null, file, line));
    }

    void forget(int id) {
        pending.remove(id);
    }

    /** On the engine's thread, the program stopped inside ld.so: re-resolve what waits. */
    private void loadedObjectsChanged() {
        if (pending.isEmpty()) return;
        modules.rereadNow();
        SourceView source = new SourceView(modules.snapshot());
        for (Map.Entry<Integer, Request> e : pending.entrySet()) {
            Request r = e.getValue();
            String location;
            List<Long> addresses;
            if (r.function() != null) {
                OptionalLong a = source.functionBreakpoint(r.function());
                if (a.isEmpty()) a = modules.snapshot().resolve(r.function());
                location = r.function();
                addresses = a.isPresent() ? List.of(a.getAsLong()) : List.of();
            } else {
                var resolved = source.resolve(r.file(), r.line());
                location = resolved.map(x -> x.file() + ":" + x.line()).orElse(null);
                addresses = resolved.map(SourceView.ResolvedLine::addresses).orElse(List.of());
            }
            if (addresses.isEmpty()) continue;
            pending.remove(e.getKey());
            table.resolve(e.getKey(), location, addresses).ifPresent(resolved);
        }
    }
}
