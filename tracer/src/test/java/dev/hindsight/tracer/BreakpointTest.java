package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.breakpoints.Breakpoint;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreakpointTest {
    private final Path exe = Fixtures.compile("loop.c", "-no-pie");

    @Test
    void breakpointInALoopIsHitEveryTime() throws Exception {
        long tick = Nm.address(exe, "tick");
        List<TargetEvent> events = new ArrayList<>();
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.addListener(events::add);
            Breakpoint bp = t.breakpoints().add(tick);
            for (int i = 0; i < 5; i++) {
                StopEvent.Stopped s = stopped(t.execution().resume());
                assertEquals(StopEvent.Reason.BREAKPOINT, s.reason());
                assertEquals(tick, s.pc());
                assertEquals(tick, t.registers().current().rip(), "pc is rewound onto the breakpoint");
                assertEquals(i, (int) t.registers().current().get("rdi"), "argument of call " + i);
            }
            assertEquals(5, t.breakpoints().all().get(0).hitCount());
            assertEquals(new StopEvent.Exited(0, null), stop(t.execution().resume()));
            assertEquals("ticks=10\n", new String(t.stdio().stdout().readAllBytes()));
            assertTrue(events.stream().anyMatch(e -> e instanceof TargetEvent.Stopped st
                    && st.breakpointIds().equals(List.of(bp.id()))));
            assertTrue(events.stream().anyMatch(e -> e instanceof TargetEvent.Exited));
        }
    }

    @Test
    void breakpointsAreInvisibleToMemoryReadsAndWrites() {
        long tick = Nm.address(exe, "tick");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            byte[] before = t.memory().read(tick, 8);
            t.breakpoints().add(tick);
            assertArrayEquals(before, t.memory().read(tick, 8));
            assertEquals(0x55, before[0] & 0xff, "tick starts with push %rbp");
            // Writing the same bytes over a breakpoint keeps it armed.
            t.memory().write(tick, before);
            assertEquals(StopEvent.Reason.BREAKPOINT, stopped(t.execution().resume()).reason());
        }
    }

    @Test
    void removedBreakpointNoLongerStops() {
        long tick = Nm.address(exe, "tick");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            Breakpoint bp = t.breakpoints().add(tick);
            stopped(t.execution().resume());
            assertTrue(t.breakpoints().remove(bp.id()));
            assertEquals(new StopEvent.Exited(0, null), stop(t.execution().resume()));
        }
    }

    @Test
    void steppingFromABreakpointExecutesTheRealInstruction() {
        long tick = Nm.address(exe, "tick");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.breakpoints().add(tick);
            stopped(t.execution().resume());
            long rsp = t.registers().current().rsp();
            StopEvent.Stopped s = stopped(t.execution().stepInstruction());
            assertEquals(StopEvent.Reason.STEP, s.reason());
            assertEquals(tick + 1, s.pc(), "push %rbp is one byte");
            assertEquals(rsp - 8, t.registers().current().rsp());
        }
    }

    @Test
    void memoryAndRegisterWritesChangeTheProgram() {
        long tick = Nm.address(exe, "tick");
        long ticks = Nm.address(exe, "ticks");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.breakpoints().add(tick);
            stopped(t.execution().resume());
            t.memory().write(ticks, new byte[] {100, 0, 0, 0});
            t.registers().set(t.currentThread(), "rdi", 1000); // this call's argument i
            t.breakpoints().all().forEach(b -> t.breakpoints().remove(b.id()));
            assertEquals(new StopEvent.Exited(0, null), stop(t.execution().resume()));
            assertEquals("ticks=1110\n", new String(readAll(t)));
        }
    }

    @Test
    void unmappedBreakpointAddressIsRefused() {
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            assertThrows(IllegalArgumentException.class, () -> t.breakpoints().add(0x10));
            assertEquals(0, t.memory().read(0x10, 4).length);
        }
    }

    private static byte[] readAll(Target t) {
        try {
            return t.stdio().stdout().readAllBytes();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
