package dev.hindsight.tracer;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void runsToExit() throws Exception {
        Path exe = Fixtures.compile("hello.c", "-no-pie");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            assertEquals(Target.State.STOPPED, t.state());
            long main = Nm.address(exe, "main");
            StopEvent s = t.execution().runTo(main).get(10, TimeUnit.SECONDS);
            assertEquals(main, ((StopEvent.Stopped) s).pc());
            long before = t.registers().current().rip();
            t.execution().stepInstruction().get(10, TimeUnit.SECONDS);
            assertNotEquals(before, t.registers().current().rip());
            StopEvent end = t.execution().resume().get(10, TimeUnit.SECONDS);
            assertEquals(new StopEvent.Exited(0, null), end);
            assertEquals("hello 3\n", new String(t.stdio().stdout().readAllBytes()));
        }
    }
}
