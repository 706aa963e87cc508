package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code =library-loaded} and {@code =library-unloaded} in lockstep with gdb: the libraries a
 * program loads as it starts (ld.so, libc) and a plugin it opens with {@code dlopen} and closes
 * with {@code dlclose}, each record whole (names, {@code symbols-loaded}, thread group, and the
 * {@code .text} ranges, which both read from the same link map and ELF files).
 */
class MiLibraryNoticesTest {
    /** The library notices among a step's records, in order, each with all its fields. */
    private static final Function<List<MiRecord>, Object> LIBRARIES = rs -> {
        List<String> seen = new ArrayList<>();
        for (MiRecord r : rs) {
            if (r.kind() == '=' && r.cls().startsWith("library-")) seen.add(r.cls() + " " + r.results());
        }
        return seen;
    };

    @Test
    void librariesLoadedAtStartAndByDlopenAndUnloadedByDlcloseAreToldAsGdbTellsThem() throws Exception {
        Path plugin = Fixtures.compile("pending_plugin.c", "-shared", "-fPIC");
        Path program = Fixtures.compile("plugin_cycle.c", "-ldl");
        new Lockstep()
                .cmd("-break-insert plugin_cycle.c:" + Fixtures.line("plugin_cycle.c", "before"))
                .cmd("-break-insert plugin_cycle.c:" + Fixtures.line("plugin_cycle.c", "loaded"))
                .cmd("-break-insert plugin_cycle.c:" + Fixtures.line("plugin_cycle.c", "unloaded"))
                .step("-exec-run", true, LIBRARIES)
                .step("-exec-continue", true, LIBRARIES)
                .step("-exec-continue", true, LIBRARIES)
                .exec("-exec-continue")
                .run(program, plugin.toString());
    }
}
