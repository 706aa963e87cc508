package dev.hindsight.tracer.breakpoints;

import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.source.SourceView;
import dev.hindsight.tracer.symbols.ModuleTracker;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The breakpoints a user asks for, by address, source line, function or data address. A line or
 * function no loaded object has yet gives an unverified breakpoint that stays pending until a
 * library that has it is loaded ({@link LibraryLoads}). Front ends reach it as
 * {@code target.breakpoints()}; every change is reported as a
 * {@link dev.hindsight.tracer.TargetEvent.BreakpointChanged}.
 */
public final class UserBreakpoints {
    /** Hears every change: a breakpoint set, resolved, or removed. */
    @FunctionalInterface
    public interface Changes {
        void changed(Breakpoint breakpoint, boolean removed);
    }

    private final BreakpointTable table;
    private final ModuleTracker modules;
    private final Runnable requireAlive;
    private final Runnable forgetStop;
    private final Changes changes;
    private final LibraryLoads pending;

    /**
     * @param requireAlive throws when the program has exited (the facade's state check)
     * @param forgetStop   drops what was read at this stop (frames are named after breakpoints)
     */
    public UserBreakpoints(Backend backend, BreakpointTable table, ModuleTracker modules, Runnable requireAlive,
                           Runnable forgetStop, Changes changes) {
        this.table = table;
        this.modules = modules;
        this.requireAlive = requireAlive;
        this.forgetStop = forgetStop;
        this.changes = changes;
        this.pending = new LibraryLoads(backend, table, modules, bp -> changes.changed(bp, false));
    }

    /** Starts resolving pending breakpoints whenever ld.so reports a load (none in static programs). */
    public void watchLibraryLoads() {
        pending.watch();
    }

    /** A breakpoint on one instruction; its location reads {@code *0x…}, as gdb's {@code break *ADDR}. */
    public Breakpoint add(long address) {
        return add("*0x" + Long.toHexString(address), List.of(address));
    }

    /** A breakpoint on {@code addresses} (empty: unverified), named {@code location}. */
    public Breakpoint add(String location, List<Long> addresses) {
        requireAlive.run();
        Breakpoint bp = table.add(location, addresses);
        forgetStop.run();
        changes.changed(bp, false);
        return bp;
    }

    /**
     * A hardware data breakpoint: stops after an instruction writes (or reads or writes) the
     * {@code length} bytes at {@code address}. Lengths 1, 2, 4, 8, naturally aligned; four at most.
     */
    public Breakpoint addWatch(long address, int length, WatchKind kind) {
        requireAlive.run();
        if (length != 1 && length != 2 && length != 4 && length != 8) {
            throw new IllegalArgumentException("a watchpoint covers 1, 2, 4 or 8 bytes, not " + length);
        }
        if (address % length != 0) {
            throw new IllegalArgumentException("a " + length + "-byte watchpoint needs an address aligned to " + length);
        }
        String what = String.format("%s 0x%x (%d bytes)", kind == WatchKind.WRITE ? "watch" : kind == WatchKind.READ ? "rwatch" : "awatch", address, length);
        Breakpoint bp = table.addWatch(what, address, length, kind);
        forgetStop.run();
        changes.changed(bp, false);
        return bp;
    }

    /**
     * A breakpoint on a source line. A line without code moves to the next line that has some;
     * the breakpoint's location names the line it landed on. Unresolved: an unverified breakpoint.
     */
    public Breakpoint addLine(String file, int line) {
        Optional<SourceView.ResolvedLine> r = new SourceView(modules.modules()).resolve(file, line);
        if (r.isEmpty()) {
            Breakpoint bp = add(file + ":" + line, List.of());
            pending.pendLine(bp.id(), file, line);
            return bp;
        }
        return add(r.get().file() + ":" + r.get().line(), r.get().addresses());
    }

    /** A breakpoint after the prologue of a function (by plain or qualified name), or on its symbol; pending while no loaded object has it. */
    public Breakpoint addFunction(String name) {
        OptionalLong a = modules.functionBreakpoint(name);
        Breakpoint bp = add(name, a.isPresent() ? List.of(a.getAsLong()) : List.of());
        if (a.isEmpty()) pending.pendFunction(bp.id(), name);
        return bp;
    }

    /** Removes the breakpoint; false when there is none with that id. */
    public boolean remove(int id) {
        pending.forget(id);
        Optional<Breakpoint> removed = table.remove(id);
        forgetStop.run();
        removed.ifPresent(bp -> changes.changed(bp, true));
        return removed.isPresent();
    }

    /** Every breakpoint the user has, the engine's own temporary ones excluded. */
    public List<Breakpoint> all() {
        return table.all();
    }
}
