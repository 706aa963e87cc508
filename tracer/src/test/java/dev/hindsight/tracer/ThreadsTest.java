package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import dev.hindsight.tracer.testing.Proc;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.RepeatedTest;

class ThreadsTest {
    private final Path exe = Fixtures.compile("threads.c", "-no-pie");

    @RepeatedTest(3)
    void everyThreadHitsTheBreakpointAndAllStopTogether() {
        long worker = Nm.address(exe, "worker");
        List<TargetEvent> events = new CopyOnWriteArrayList<>();
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.addListener(events::add);
            t.breakpoints().add(worker);
            Set<Integer> hitters = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                StopEvent.Stopped s = stopped(t.execution().resume());
                assertEquals(StopEvent.Reason.BREAKPOINT, s.reason(), "stop " + i);
                assertEquals(worker, s.pc());
                assertNotEquals(t.pid(), s.tid(), "a worker thread, not main");
                hitters.add(s.tid());
                assertTrue(t.threads().contains(s.tid()));
                // All-stop: the engine knows every thread the kernel lists, each is in a tracing stop,
                // and its registers say where the kernel says it stopped.
                assertEquals(Proc.tasks(t.pid()), new TreeSet<>(t.threads()), "stop " + i + ": threads");
                for (int tid : t.threads()) {
                    assertEquals('t', Proc.state(t.pid(), tid), "stop " + i + ": state of thread " + tid);
                    assertEquals(Proc.userPc(t.pid(), tid), t.registers().of(tid).rip(), "stop " + i + ": pc of thread " + tid);
                }
            }
            assertEquals(4, hitters.size(), "four distinct threads");
            StopEvent.Exited e = exited(t.execution().resume());
            assertEquals(0 + 1 + 4 + 9, e.exitCode());
            assertTrue(events.stream().filter(ev -> ev instanceof TargetEvent.ThreadStarted).count() >= 4);
            assertTrue(events.stream().filter(ev -> ev instanceof TargetEvent.ThreadExited).count() >= 4);
        }
    }
}
