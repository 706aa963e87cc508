package dev.hindsight.mi.session;

import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.protocol.MiOutput;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.tracer.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gdb's {@code =library-loaded} and {@code =library-unloaded}: the program's shared objects are
 * compared with those already told of whenever it stops (gdb tells as ld.so's hook fires; the
 * engine does not stop there, so the stop after a {@code dlopen} tells of it), in gdb's fields.
 * gdb 13 writes {@code symbols-loaded="0"} whether or not it found the library's debugging
 * information, as it reads symbols lazily.
 */
final class LibraryNotices {
    private final Map<String, SharedLibraries.Library> told = new LinkedHashMap<>();
    private final MiOutput out;

    LibraryNotices(MiOutput out) {
        this.out = out;
    }

    /** A new program: nothing told of yet. */
    void reset() {
        told.clear();
    }

    /** The names of the libraries a stop found unloaded and loaded since the one before, in gdb's order. */
    record Changes(List<String> unloaded, List<String> loaded) {
        static final Changes NONE = new Changes(List.of(), List.of());

        boolean any() {
            return !unloaded.isEmpty() || !loaded.isEmpty();
        }
    }

    /** Tells of what was unloaded, then of what was loaded, since the last time; answers what it told of. */
    Changes update(Target t) {
        Map<String, SharedLibraries.Library> now = new LinkedHashMap<>();
        for (SharedLibraries.Library l : SharedLibraries.loaded(t)) now.putIfAbsent(l.name(), l);
        if (now.isEmpty() && !told.isEmpty()) return Changes.NONE; // not readable now (running): nothing to compare
        List<String> unloaded = new ArrayList<>();
        List<String> loaded = new ArrayList<>();
        for (var it = told.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            SharedLibraries.Library l = now.get(e.getKey());
            if (l != null && l.from() == e.getValue().from()) continue;
            out.notify("library-unloaded", names(e.getKey()).add("thread-group", "i1"));
            unloaded.add(e.getKey());
            it.remove();
        }
        for (SharedLibraries.Library l : now.values()) {
            if (told.containsKey(l.name())) continue;
            told.put(l.name(), l);
            loaded.add(l.name());
            out.notify("library-loaded", names(l.name()).add("symbols-loaded", "0").add("thread-group", "i1")
                    .add("ranges", MiList.of().value(MiTuple.of().add("from", hex(l.from())).add("to", hex(l.to())))));
        }
        return new Changes(unloaded, loaded);
    }

    private static MiTuple names(String name) {
        return MiTuple.of().add("id", name).add("target-name", name).add("host-name", name);
    }

    private static String hex(long a) {
        return String.format("0x%016x", a);
    }
}
