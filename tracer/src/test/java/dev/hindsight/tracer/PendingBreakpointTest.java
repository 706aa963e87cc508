package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.breakpoints.Breakpoint;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Breakpoints in libraries asked for at the first instruction, before ld.so has mapped them. */
class PendingBreakpointTest {
    private final Path lib = Fixtures.compile("pending_lib.c", "-shared", "-fPIC");
    private final Path plugin = Fixtures.compile("pending_plugin.c", "-shared", "-fPIC");
    private final Path exe = Fixtures.compile("pending.c", lib.toString(), "-ldl");

    @Test
    void libraryBreakpointsResolveWhenTheLibrariesLoadAndAreHit() {
        List<TargetEvent> events = new CopyOnWriteArrayList<>();
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.addListener(events::add);
            Breakpoint puts = t.breakpoints().addFunction("puts");
            Breakpoint body = t.breakpoints().addLine(Fixtures.source("pending_lib.c").toString(), Fixtures.line("pending_lib.c", "lib body"));
            assertFalse(puts.verified(), "libc is not mapped at the first instruction");
            assertFalse(body.verified());

            StopEvent.Stopped s = stopped(t.execution().resume());
            assertEquals(StopEvent.Reason.BREAKPOINT, s.reason());
            assertEquals(List.of(puts.id()), hitIds(events));
            assertEquals("puts", t.symbols().symbolize(s.pc()).orElseThrow().replaceAll("\\+.*", "").replace("_IO_puts", "puts"));
            assertTrue(changedVerified(events, puts.id()), "a BreakpointChanged tells the front end");
            List<Frame> bt = t.frames().backtrace();
            assertEquals("main", bt.get(1).function(), "puts was called by main");

            events.clear();
            s = stopped(t.execution().resume());
            assertEquals(List.of(body.id()), hitIds(events));
            bt = t.frames().backtrace();
            assertEquals("lib_twice", bt.get(0).function());
            assertEquals(Fixtures.line("pending_lib.c", "lib body"), bt.get(0).line().line());
            assertEquals("main", bt.get(1).function());
            assertTrue(t.breakpoints().all().stream().allMatch(Breakpoint::verified));
            assertEquals(new StopEvent.Exited(0, null), stop(t.execution().resume()));
        }
    }

    @Test
    void aDlopenedLibrarysBreakpointResolvesAndSteppingOverDlopenStopsOnTheNextLine() {
        List<TargetEvent> events = new CopyOnWriteArrayList<>();
        try (Target t = Target.launch(LaunchSpec.of(exe, plugin.toString()))) {
            t.addListener(events::add);
            String pending = Fixtures.source("pending.c").toString();
            Breakpoint atDlopen = t.breakpoints().addLine(pending, Fixtures.line("pending.c", "dlopen"));
            Breakpoint inPlugin = t.breakpoints().addLine(Fixtures.source("pending_plugin.c").toString(),
                    Fixtures.line("pending_plugin.c", "plugin body"));
            assertTrue(atDlopen.verified());
            assertFalse(inPlugin.verified());

            stopped(t.execution().resume());
            assertEquals(List.of(atDlopen.id()), hitIds(events));
            assertFalse(t.breakpoints().all().stream().filter(b -> b.id() == inPlugin.id()).findFirst().orElseThrow().verified(),
                    "the plugin is not loaded before dlopen");

            StopEvent.Stopped s = stopped(t.execution().stepLine());
            assertEquals(StopEvent.Reason.STEP, s.reason());
            assertEquals(Fixtures.line("pending.c", "after dlopen"), t.symbols().sourceAt(s.pc()).orElseThrow().line().line());
            assertTrue(changedVerified(events, inPlugin.id()), "dlopen resolved the plugin's breakpoint");

            events.clear();
            stopped(t.execution().resume());
            assertEquals(List.of(inPlugin.id()), hitIds(events));
            List<Frame> bt = t.frames().backtrace();
            assertEquals("plugin_run", bt.get(0).function());
            assertEquals("main", bt.get(1).function());
            assertEquals(new StopEvent.Exited(0, null), stop(t.execution().resume()));
        }
    }

    @Test
    void aUserBreakpointOnTheLinkersNotificationStillStops() {
        List<TargetEvent> events = new CopyOnWriteArrayList<>();
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.addListener(events::add);
            t.breakpoints().addFunction("puts"); // pending, so the engine's own breakpoint does work there
            Breakpoint brk = t.breakpoints().addFunction("_dl_debug_state");
            assertTrue(brk.verified(), "ld.so is mapped at the first instruction");
            StopEvent.Stopped s = stopped(t.execution().resume());
            assertEquals(StopEvent.Reason.BREAKPOINT, s.reason());
            assertEquals(List.of(brk.id()), hitIds(events));
        }
    }

    private static List<Integer> hitIds(List<TargetEvent> events) {
        return events.stream().filter(e -> e instanceof TargetEvent.Stopped).map(e -> ((TargetEvent.Stopped) e).breakpointIds())
                .reduce((a, b) -> b).orElse(List.of());
    }

    private static boolean changedVerified(List<TargetEvent> events, int id) {
        return events.stream().anyMatch(e -> e instanceof TargetEvent.BreakpointChanged c && !c.removed()
                && c.breakpoint().id() == id && c.breakpoint().verified());
    }
}
