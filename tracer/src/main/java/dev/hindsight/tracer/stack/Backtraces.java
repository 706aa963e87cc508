package dev.hindsight.tracer.stack;

import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.breakpoints.Breakpoint;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.symbols.ModuleTracker;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The backtraces of the current stop: each thread's stack is walked once per stop and kept in the
 * stop's {@link StopCache}; a shallow walk is the prefix of a deep one. What the module map says
 * about each pc of a walk ({@link FrameFacts}) is kept from stop to stop while the map stands.
 */
public final class Backtraces {
    private final Backend backend;
    private final Supplier<StopCache> stop;
    private final ModuleTracker modules;
    private final Supplier<List<Breakpoint>> breakpoints;
    /** What the latest module map says about pcs, kept across stops while the map stands. */
    private volatile FrameFacts facts;

    /**
     * @param stop        the current stop's cache (replaced at every stop)
     * @param breakpoints the logical breakpoints now (their locations name inlined frames)
     */
    public Backtraces(Backend backend, Supplier<StopCache> stop, ModuleTracker modules,
                      Supplier<List<Breakpoint>> breakpoints) {
        this.backend = backend;
        this.stop = stop;
        this.modules = modules;
        this.breakpoints = breakpoints;
    }

    /**
     * Thread {@code tid}'s stack, innermost frame first, at most {@code maxFrames} deep, as gdb's
     * {@code bt} lists it. {@code lastStop} is how the program came to stop here.
     */
    public List<Frame> of(int tid, int maxFrames, StopEvent lastStop) {
        StopCache cache = stop.get();
        List<Frame> known = cache.frames(tid, maxFrames);
        if (known != null) return known;
        // A library loaded since the map was read would leave its frames unnamed and unwound.
        // gdb does not enter an inlined call whose first instruction a stop (not a step) landed on.
        boolean justStopped = lastStop instanceof StopEvent.Stopped s && s.tid() == tid && s.reason() != StopEvent.Reason.STEP;
        Set<String> names = new HashSet<>();
        if (lastStop instanceof StopEvent.Stopped s) {
            for (Breakpoint b : breakpoints.get()) if (b.addresses().contains(s.pc())) names.add(b.location());
        }
        List<Frame> frames = new Backtracer(backend, cache, factsOf(modules.modules()), () -> factsOf(modules.modulesNow()))
                .frames(tid, maxFrames, justStopped, names);
        cache.putFrames(tid, maxFrames, frames);
        return frames;
    }

    private FrameFacts factsOf(ModuleMap map) {
        FrameFacts f = facts;
        if (f == null || f.modules() != map) facts = f = new FrameFacts(map);
        return f;
    }
}
