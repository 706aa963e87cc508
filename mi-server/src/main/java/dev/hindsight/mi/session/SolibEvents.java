package dev.hindsight.mi.session;

import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.backend.AuxvType;
import dev.hindsight.tracer.elf.ElfFile;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * gdb's {@code stop-on-solib-events}: with it non-zero, a run stops each time the dynamic linker
 * tells debuggers of a change to its library list ({@code _dl_debug_state}, ld.so's {@code r_brk}:
 * as it starts and has loaded the program's libraries, and as each {@code dlopen} and
 * {@code dlclose} begins and ends; gdb's probes of ld.so fire at the same points), and gdb reports
 * {@code *stopped,reason="solib-event"} without a frame. VS Code's MIEngine sets it to 1 before
 * {@code -exec-run} on Linux and waits for the first stop (to reset the terminal), then sets it
 * to 0 and continues.
 */
final class SolibEvents {
    private SolibEvents() {}

    /** Whether {@code stop-on-solib-events} asks for the stop. */
    static boolean wanted(Settings settings) {
        String v = settings.get("stop-on-solib-events");
        return v != null && !v.equals("0") && !v.equals("off");
    }

    /**
     * An engine breakpoint where ld.so's events fire (the engine's own one there never stops);
     * its id, or -1 when the program has no dynamic linker.
     */
    static int plant(Target t, Path program) {
        OptionalLong at = firstEvent(t, program);
        return at.isPresent() ? t.breakpoints().add(at.getAsLong()).id() : -1;
    }

    private static OptionalLong firstEvent(Target t, Path program) {
        Long base = t.memory().auxv().get(AuxvType.AT_BASE);
        if (base == null || base == 0) return OptionalLong.empty();
        try {
            // ld.so is mapped but not yet in the module list: its symbol from its file, at its load base
            OptionalLong at = ElfFile.open(program).interpreter()
                    .map(interp -> ElfFile.open(Path.of(interp)).addressOf("_dl_debug_state"))
                    .orElse(OptionalLong.empty());
            return at.isPresent() ? OptionalLong.of(base + at.getAsLong()) : at;
        } catch (RuntimeException e) {
            return OptionalLong.empty(); // an unreadable dynamic linker: the run does not stop there, as without the setting
        }
    }

    /**
     * gdb's report of the stop ({@code print_solib_event}): console lines naming the libraries
     * unloaded and loaded since the last stop, then {@code *stopped} with them as {@code removed}
     * and {@code added} lists, the thread, no frame.
     */
    static void report(MiSession session, LibraryNotices.Changes changes, int tid, String core) {
        StringBuilder text = new StringBuilder(changes.any() ? "Stopped due to shared library event:\n"
                : "Stopped due to shared library event (no libraries added or removed)\n");
        MiTuple r = MiTuple.of().add("reason", "solib-event");
        if (!changes.unloaded().isEmpty()) {
            text.append("  Inferior unloaded ").append(String.join("\n    ", changes.unloaded())).append('\n');
            r.add("removed", libraries(changes.unloaded()));
        }
        if (!changes.loaded().isEmpty()) {
            text.append("  Inferior loaded ").append(String.join("\n    ", changes.loaded())).append('\n');
            r.add("added", libraries(changes.loaded()));
        }
        r.add("thread-id", session.threadNumber(tid)).add("stopped-threads", "all");
        if (core != null) r.add("core", core);
        for (String line : text.toString().split("(?<=\n)")) session.out().console(line); // a record a line, as gdb's

        session.out().exec("stopped", r);
    }

    private static MiList libraries(List<String> names) {
        MiList l = MiList.of();
        for (String n : names) l.result("library", n);
        return l;
    }
}
