package dev.hindsight.tracer.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.StopEvent.Reason;
import dev.hindsight.tracer.StopEvent.Stopped;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.testing.CrossFixtures;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Finish's returned value by AAPCS64's result classes, one callee per class: composites of at most
 * 16 bytes in x0 (and x1), also one holding a double (not homogeneous: x86-64 would split it
 * between xmm0 and rax); a 24-byte one in memory at x8; homogeneous floating-point aggregates of
 * two doubles, three floats and a four-float array in v0-v3; a float in s0. Expected values: the
 * fixture's constants ({@code programs/aarch64/returns.c}, whose exit code checks them too).
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "aarch64", disabledReason = "AArch64 only: misc/aarch64/run-tests.sh runs it")
class ReturnValueTest {
    private static final String FIXTURE = "aarch64/returns.c";
    private static final int TIMEOUT = 60;

    @Test
    void finishReadsEachResultClassWhereAapcs64PutsIt() throws Exception {
        Path exe = Fixtures.compile(FIXTURE, CrossFixtures.C_FLAGS);
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            assertReturned(t, "small-entry", "{a = 41, c = 113 'q'}");
            assertReturned(t, "pair-entry", "{a = 1000, b = -2000}");
            assertReturned(t, "mixed-entry", "{d = 0.75, l = 77}");
            assertReturned(t, "big-entry", "{a = 5000, b = 5001, c = 5002}");
            assertReturned(t, "hfa2-entry", "{x = 1.25, y = -1.25}");
            assertReturned(t, "hfa3-entry", "{x = 0.5, y = 1, z = 2}");
            assertReturned(t, "hfa4-entry", "{v = {10, 11, 12, 13}}");
            assertReturned(t, "float-entry", "0.75");
            assertEquals(new StopEvent.Exited(0, null), t.execution().resume().get(TIMEOUT, TimeUnit.SECONDS), "the program saw the same values");
        }
    }

    private static void assertReturned(Target t, String entry, String expected) throws Exception {
        t.breakpoints().addLine("programs/" + FIXTURE, Fixtures.line(FIXTURE, entry));
        stopped(t.execution().resume(), Reason.BREAKPOINT);
        stopped(t.execution().stepOut(), Reason.STEP);
        assertEquals(expected, t.frames().returnedValue(t.currentThread()).orElseThrow(() -> new AssertionError("no value from " + entry)).value(),
                "finish from " + entry);
    }

    private static void stopped(CompletableFuture<StopEvent> f, Reason reason) throws Exception {
        StopEvent e = f.get(TIMEOUT, TimeUnit.SECONDS);
        assertTrue(e instanceof Stopped s && s.reason() == reason, "expected a " + reason + " stop, got " + e);
    }
}
