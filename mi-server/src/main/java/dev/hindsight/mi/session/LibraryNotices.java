package dev.hindsight.mi.session;

import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.protocol.MiOutput;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.tracer.Target;
import java.util.LinkedHashMap;
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

    /** Tells of what was unloaded, then of what was loaded, since the last time. */
    void update(Target t) {
        Map<String, SharedLibraries.Library> now = new LinkedHashMap<>();
        for (SharedLibraries.Library l : SharedLibraries.loaded(t)) now.putIfAbsent(l.name(), l);
        if (now.isEmpty() && !told.isEmpty()) return; // not readable now (running): nothing to compare
        for (var it = told.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            SharedLibraries.Library l = now.get(e.getKey());
            if (l != null && l.from() == e.getValue().from()) continue;
            out.notify("library-unloaded", names(e.getKey()).add("thread-group", "i1"));
            it.remove();
        }
        for (SharedLibraries.Library l : now.values()) {
            if (told.containsKey(l.name())) continue;
            told.put(l.name(), l);
            out.notify("library-loaded", names(l.name()).add("symbols-loaded", "0").add("thread-group", "i1")
                    .add("ranges", MiList.of().value(MiTuple.of().add("from", hex(l.from())).add("to", hex(l.to())))));
        }
    }

    private static MiTuple names(String name) {
        return MiTuple.of().add("id", name).add("target-name", name).add("host-name", name);
    }

    private static String hex(long a) {
        return String.format("0x%016x", a);
    }
}
