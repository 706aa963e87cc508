package dev.hindsight.mi.session;

import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.backend.AuxvType;
import dev.hindsight.tracer.elf.ElfFile;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * gdb's {@code stop-on-solib-events}: with it non-zero, a run stops where the dynamic linker first
 * tells debuggers of its library list ({@code _dl_debug_state}, ld.so's {@code r_brk}), and gdb
 * reports {@code *stopped,reason="solib-event"} without a frame. VS Code's MIEngine sets it to 1
 * before {@code -exec-run} on Linux and waits for that stop (to reset the terminal), then sets it
 * to 0 and continues. Only that first event is honoured: later library loads do not stop.
 */
final class SolibEvents {
    private SolibEvents() {}

    /** Whether {@code stop-on-solib-events} asks for the stop. */
    static boolean wanted(Settings settings) {
        String v = settings.get("stop-on-solib-events");
        return v != null && !v.equals("0") && !v.equals("off");
    }

    /**
     * An engine breakpoint where ld.so's first event fires (the engine's own one there never
     * stops); its id, or -1 when the program has no dynamic linker.
     */
    static int plant(Target t, Path program) {
        OptionalLong at = firstEvent(t, program);
        return at.isPresent() ? t.addBreakpoint(at.getAsLong()).id() : -1;
    }

    private static OptionalLong firstEvent(Target t, Path program) {
        Long base = t.auxv().get(AuxvType.AT_BASE);
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

    /** gdb's record of the stop: a reason, the thread, no frame. */
    static MiTuple stopped(MiSession session, int tid) {
        return MiTuple.of().add("reason", "solib-event").add("thread-id", session.threadNumber(tid)).add("stopped-threads", "all");
    }
}
