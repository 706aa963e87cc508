package dev.hindsight.dap.session;

import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.source.ModuleSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.lsp4j.debug.LoadedSourceEventArgumentsReason;
import org.eclipse.lsp4j.debug.Module;
import org.eclipse.lsp4j.debug.ModuleEventArgumentsReason;

/**
 * {@code module} and {@code loadedSource} events: the ELF objects in the program compared, just
 * before each stopped event, with those the client was told of. A library that dlopen loaded
 * (or dlclose unloaded) since the last stop is reported before the stop, with the source files of
 * its line tables that exist here.
 */
public final class ModuleEvents {
    /** What the client was told of, by path. */
    private final Map<String, LoadedModule> known = new LinkedHashMap<>();
    private final Set<String> sources = new TreeSet<>();
    /** The engine's module map last compared with {@link #known} (the engine keeps it while nothing changes). */
    private ModuleMap compared;

    void refresh(Target target, Events events) {
        ModuleMap map = target.symbols().modulesNow();
        if (map == compared) return; // the engine kept its map: nothing was loaded or unloaded since
        Map<String, LoadedModule> now = new LinkedHashMap<>();
        for (LoadedModule m : map.modules()) now.putIfAbsent(m.path(), m);
        for (String path : Set.copyOf(known.keySet())) {
            if (!now.containsKey(path)) events.module(ModuleEventArgumentsReason.REMOVED, toDap(known.remove(path)));
        }
        for (LoadedModule m : now.values()) {
            if (known.containsKey(m.path())) continue;
            known.put(m.path(), m);
            events.module(ModuleEventArgumentsReason.NEW, toDap(m));
            for (String file : ModuleFiles.existing(m)) if (sources.add(file)) events.loadedSource(LoadedSourceEventArgumentsReason.NEW, file);
        }
        compared = map; // only once all of it was told (a failure is tried again at the next stop)
    }

    /** A new program: nothing is known of it yet. */
    void reset() {
        compared = null;
        known.clear();
        sources.clear();
    }

    /** A module as DAP's {@code modules} request and {@code module} event show it. */
    public static Module toDap(LoadedModule m) {
        Module d = new Module();
        d.setId(m.path());
        d.setName(m.name());
        d.setPath(m.path());
        d.setIsUserCode(m.mainExecutable());
        d.setSymbolStatus(ModuleSource.of(m.elf()).hasDebugInfo() ? "debug information" : "symbols only");
        d.setAddressRange(String.format("0x%x-0x%x", m.start(), m.end()));
        return d;
    }
}
