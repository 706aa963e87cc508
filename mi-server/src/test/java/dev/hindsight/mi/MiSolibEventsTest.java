package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code set stop-on-solib-events 1} in lockstep with gdb: a program that opens a plugin with
 * {@code dlopen} and closes it with {@code dlclose} stops at every event of ld.so (as it starts,
 * when it has loaded libc, as the {@code dlopen} and the {@code dlclose} begin and end), each
 * stop told as gdb tells it: the library notices, the console's "Stopped due to shared library
 * event" lines, and {@code *stopped,reason="solib-event"} with its {@code added}/{@code removed}
 * lists and no frame; a breakpoint between events stops as one. Set back to 0, the program stops
 * only at breakpoints.
 */
class MiSolibEventsTest {
    /** Each record of a step that tells of libraries or of the stop, in order. */
    private static final Function<List<MiRecord>, Object> SOLIB_STOP = rs -> {
        List<String> seen = new ArrayList<>();
        for (MiRecord r : rs) {
            if (r.kind() == '=' && r.cls().startsWith("library-")) seen.add(r.cls() + " " + r.results());
            else if (r.kind() == '~' && (r.text().startsWith("Stopped due") || r.text().startsWith("  "))) seen.add("~" + r.text());
            else if (r.kind() == '*' || r.kind() == '^') {
                Map<String, Object> results = new LinkedHashMap<>(r.results());
                results.remove("core"); // the CPU the program ran on last: the scheduler's business
                seen.add(r.kind() + r.cls() + " " + results);
            }
        }
        return seen;
    };

    @Test
    void everyLibraryEventStopsAndSaysWhatWasLoadedOrUnloadedAsGdbDoes() throws Exception {
        Path plugin = Fixtures.compile("pending_plugin.c", "-shared", "-fPIC");
        Path program = Fixtures.compile("plugin_cycle.c", "-ldl");
        new Lockstep()
                .cmd("-gdb-set mi-async on")
                .cmd("-gdb-set stop-on-solib-events 1")
                .step("-exec-run", true, SOLIB_STOP) // ld.so starts: nothing new yet
                .step("-exec-continue", true, SOLIB_STOP) // libc
                .step("-exec-continue", true, SOLIB_STOP) // dlopen begins: the plugin is in the list
                .step("-exec-continue", true, SOLIB_STOP) // dlopen ends
                .cmd("-break-insert plugin_cycle.c:" + Fixtures.line("plugin_cycle.c", "loaded"))
                .exec("-exec-continue") // a breakpoint between events
                .step("-exec-continue", true, SOLIB_STOP) // dlclose begins
                .cmd("-gdb-set stop-on-solib-events 0")
                .cmd("-break-insert plugin_cycle.c:" + Fixtures.line("plugin_cycle.c", "unloaded"))
                .step("-exec-continue", true, SOLIB_STOP) // dlclose's end does not stop: the breakpoint after it does
                .exec("-exec-continue")
                .run(program, plugin.toString());
    }
}
