package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Fixtures;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Fork children are let go, never taken for threads, even when the kernel reports a child's first
 * stop before its parent's fork event (which a storm of forks makes likely on a busy machine).
 */
class ForkStormTest {
    @RepeatedTest(3)
    void everyForkedChildIsLetGoAndNoneIsTakenForAThread() throws Exception {
        List<Integer> started = new CopyOnWriteArrayList<>();
        try (Target t = Target.launch(LaunchSpec.of(Fixtures.compile("fork_storm.c"), "400"))) {
            t.addListener(e -> {
                if (e instanceof TargetEvent.ThreadStarted s) started.add(s.tid());
            });
            assertEquals(new StopEvent.Exited(0, null), stop(t.execution().resume()));
            assertEquals("forked 400, reaped 400\n", new String(t.stdio().stdout().readAllBytes()));
            assertEquals(List.of(), started, "forked children reported as threads");
        }
    }
}
