package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.source.SourcePoint;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The module list read at a stop is the program's memory map at that stop, though the engine reads
 * /proc/PID/maps only when the map may have changed (see {@code ptrace.MapVersion}): a library
 * mapped and unmapped by plain mmap and munmap, with no dynamic loader involved to tell, shows and
 * goes at the very stop after the system call, whether the program is stepped one instruction at
 * a time (asking for the modules at every stop, as a DAP session does) or run to a breakpoint.
 */
class MappingChangesTest {
    private final Path lib = Fixtures.compile("pending_plugin.c", "-shared", "-fPIC");
    private final Path exe = Fixtures.compile("map_by_hand.c");
    private final String source = Fixtures.source("map_by_hand.c").toString();
    /** As the kernel's map names it. */
    private final String libPath = realPath(lib);

    @Test
    void steppedInstructionByInstructionTheLibraryShowsRightAfterMmapAndGoesRightAfterMunmap() {
        try (Target t = Target.launch(LaunchSpec.of(exe, lib.toString()))) {
            t.breakpoints().addLine(source, line("map"));
            int tid = stopped(t.execution().resume()).tid();
            assertFalse(loaded(t), "not mapped yet");
            // Every stop until the program is on the next line: mmap has returned there, not before.
            int steps = stepToLine(t, tid, line("mapped"));
            assertTrue(loaded(t), "mapped by mmap, seen at the first stop on the next line (" + steps + " steps)");
            steps = stepToLine(t, tid, line("unmapped"));
            assertFalse(loaded(t), "unmapped by munmap, seen at the first stop on the next line (" + steps + " steps)");
        }
    }

    @Test
    void runToBreakpointsTheLibraryShowsAfterMmapAndGoesAfterMunmap() {
        try (Target t = Target.launch(LaunchSpec.of(exe, lib.toString()))) {
            t.breakpoints().addLine(source, line("map"));
            t.breakpoints().addLine(source, line("mapped"));
            t.breakpoints().addLine(source, line("unmapped"));
            stopped(t.execution().resume());
            assertFalse(loaded(t), "not mapped yet");
            stopped(t.execution().resume());
            assertTrue(loaded(t), "mapped by mmap");
            stopped(t.execution().resume());
            assertFalse(loaded(t), "unmapped by munmap");
        }
    }

    /**
     * Steps single instructions, asking for the module list at every stop, until the thread is on
     * {@code line} of the fixture; the list must not have shown the library come or go earlier than
     * the system call that does it (asserted by the caller at the end) nor miss it then.
     */
    private int stepToLine(Target t, int tid, int line) {
        for (int steps = 1; steps < 200_000; steps++) {
            StopEvent.Stopped s = stopped(t.execution().stepInstruction(tid));
            t.symbols().modulesNow();
            Optional<SourcePoint> at = t.symbols().sourceAt(s.pc());
            if (at.isPresent() && at.get().line().line() == line && at.get().line().file().equals(source)) return steps;
        }
        throw new AssertionError("never reached line " + line);
    }

    private boolean loaded(Target t) {
        List<LoadedModule> modules = t.symbols().modulesNow().modules();
        assertTrue(modules.stream().anyMatch(LoadedModule::mainExecutable), "the executable is always there: " + modules);
        return modules.stream().anyMatch(m -> m.path().equals(libPath));
    }

    private static String realPath(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int line(String marker) {
        return Fixtures.line("map_by_hand.c", marker);
    }
}
