package dev.hindsight.tracer.symbols;

import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.elf.SymbolicAddress;
import dev.hindsight.tracer.source.SourceView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

/**
 * The ELF objects loaded in the program, read from the backend's memory map when first asked and
 * again when a lookup misses (a library was loaded since), at most once per stop, and only when
 * the backend says the map may have changed since it was last read
 * ({@link Backend#memoryMapVersion()}: the kernel formats /proc/PID/maps anew at every read, which
 * cost a DAP session ~9% of an instruction step's round trip when it was read at every stop).
 */
public final class ModuleTracker {
    private final Backend backend;
    private final BiFunction<Long, Integer, byte[]> memory;
    private final BooleanSupplier stopped;
    private final Runnable reread;
    private volatile ModuleMap modules = ModuleMap.empty();
    private volatile long modulesGeneration = -1;
    private volatile long stopGeneration;
    /** The memory map text the modules were made from. */
    private volatile MapsText lastRead;
    /** The backend's map version when it was last read ({@link Long#MIN_VALUE}: never). */
    private volatile long readVersion = Long.MIN_VALUE;

    private record MapsText(String maps, Path exe) { }

    /**
     * @param memory  reads the program's memory without a state check (for the vDSO's image)
     * @param stopped whether the program is stopped now (only then is the map read on demand)
     * @param reread  told after every read of the map: stacks walked with fewer modules are stale
     */
    public ModuleTracker(Backend backend, BiFunction<Long, Integer, byte[]> memory, BooleanSupplier stopped,
                         Runnable reread) {
        this.backend = backend;
        this.memory = memory;
        this.stopped = stopped;
        this.reread = reread;
    }

    /** The program stopped again: the map may be read once more. */
    public void newStop() {
        stopGeneration++;
    }

    /** The modules as known, read first if they never were. */
    public ModuleMap modules() {
        if (modulesGeneration < 0) refresh();
        return modules;
    }

    /** The modules loaded now: the memory map is read again unless it already was at this stop. */
    public ModuleMap modulesNow() {
        refresh();
        return modules;
    }

    /** The module map as last read, without refreshing (for use while an operation runs). */
    public ModuleMap snapshot() {
        return modules;
    }

    /** Reads the module map now, whatever the state (the engine's thread, every thread stopped). */
    public void rereadNow() {
        if (read() && modulesGeneration < 0) modulesGeneration = stopGeneration;
    }

    /** {@code main+4}-style name of an address, or empty when no loaded object has a symbol there. */
    public Optional<String> symbolize(long address) {
        Optional<SymbolicAddress> s = modules().symbolize(address);
        if (s.isEmpty() && modules.moduleAt(address).isEmpty()) {
            refresh();
            s = modules.symbolize(address);
        }
        return s.map(SymbolicAddress::toString);
    }

    /** The runtime address of a symbol: the main executable first, then the loaded libraries. */
    public OptionalLong addressOf(String symbol) {
        OptionalLong a = modules().resolve(symbol);
        if (a.isEmpty()) {
            refresh();
            a = modules.resolve(symbol);
        }
        return a;
    }

    /**
     * Where gdb's {@code break FUNCTION} stops: after the prologue of a function (by plain or
     * qualified name) that has line information, else at its symbol.
     */
    public OptionalLong functionBreakpoint(String function) {
        OptionalLong a = new SourceView(modules()).functionBreakpoint(function);
        return a.isPresent() ? a : addressOf(function);
    }

    private synchronized void refresh() {
        if (!stopped.getAsBoolean() || modulesGeneration == stopGeneration) return;
        long generation = stopGeneration;
        if (read()) modulesGeneration = generation;
    }

    private boolean read() {
        try {
            long version = backend.memoryMapVersion();
            if (version != Backend.MAP_VERSION_UNKNOWN && version == readVersion) return true;
            String maps = backend.memoryMap();
            Path exe = backend.executable();
            // The same mappings as last read: nothing was loaded or unloaded, the modules (and the
            // stacks walked with them) stand. A DAP session asks at every stop, so this saves
            // parsing the whole map for each instruction stepped.
            MapsText last = lastRead;
            if (last == null || !last.maps().equals(maps) || !last.exe().equals(exe)) {
                modules = ModuleMap.fromMaps(maps, exe, memory, backend::mappedFile);
                lastRead = new MapsText(maps, exe);
                reread.run();
            }
            readVersion = version;
            return true;
        } catch (IOException e) {
            return false; // The process is gone; keep what we knew.
        }
    }
}
