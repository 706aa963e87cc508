package dev.hindsight.tracer.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.StopEvent.Reason;
import dev.hindsight.tracer.StopEvent.Stopped;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.testing.CrossFixtures;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Thread-local variables on AArch64: found from each thread's pointer {@code tpidr_el0}
 * ({@code NT_ARM_TLS}) under TLS variant I (the executable's block after the 16-byte TCB), read
 * and written there, a second thread's copies apart from the main thread's. Expected values: the fixture's ({@code programs/aarch64/tls.c}), which changes
 * them from their initial image (42, {1, 2, 3}) so that reading the image instead would fail; its
 * exit code sees a write made through the debugger.
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "aarch64", disabledReason = "AArch64 only: misc/aarch64/run-tests.sh runs it")
class ThreadLocalTest {
    private static final String FIXTURE = "aarch64/tls.c";

    @Test
    void threadLocalsAreReadAndWrittenThroughTpidrEl0() throws Exception {
        Path exe = Fixtures.compile(FIXTURE, CrossFixtures.C_FLAGS);
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.breakpoints().addLine("programs/" + FIXTURE, Fixtures.line(FIXTURE, "tls-thread"));
            t.breakpoints().addLine("programs/" + FIXTURE, Fixtures.line(FIXTURE, "tls-set"));
            StopEvent inWorker = t.execution().resume().get(60, TimeUnit.SECONDS);
            assertTrue(inWorker instanceof Stopped s && s.reason() == Reason.BREAKPOINT, "stopped in the worker: " + inWorker);
            int worker = ((Stopped) inWorker).tid();
            assertEquals("99", t.frames().evaluate("counter", t.frames().backtrace(worker, 1).get(0)).value(), "the worker's own copy, from its tpidr_el0");
            assertEquals("{7, 2, 3}", t.frames().evaluate("history", t.frames().backtrace(worker, 1).get(0)).value());
            int main = t.threads().stream().filter(tid -> tid != worker).findFirst().orElseThrow();
            List<Frame> mainStack = t.frames().backtrace(main, 64);
            Frame mainFrame = mainStack.stream().filter(fr -> "main".equals(fr.function())).findFirst()
                    .orElseThrow(() -> new AssertionError("no main in the main thread's backtrace: " + mainStack.stream()
                            .map(fr -> fr.function() + "@0x" + Long.toHexString(fr.pc())).toList()));
            assertEquals("47", t.frames().evaluate("counter", mainFrame).value(), "the main thread's copy while the worker is stopped");

            StopEvent e = t.execution().resume().get(60, TimeUnit.SECONDS);
            assertTrue(e instanceof Stopped s && s.reason() == Reason.BREAKPOINT, "stopped at the marker: " + e);
            Frame f = t.frames().backtrace().get(0);
            assertEquals("47", t.frames().evaluate("counter", f).value(), "42 + 5, in the thread's block");
            assertEquals("{1, 2, 4700}", t.frames().evaluate("history", f).value());
            assertEquals("4700", t.frames().evaluate("history[2]", f).value());
            t.frames().evaluate("counter = 50", f);
            assertEquals(new StopEvent.Exited(3, null), t.execution().resume().get(60, TimeUnit.SECONDS), "the program reads 50 - 47");
        }
    }
}
