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
import dev.hindsight.tracer.testing.Nm;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A backtrace from a signal handler on AArch64, through the kernel's signal frame as gdb shows it:
 * the handler, {@code <signal handler called>} at the vDSO's {@code __kernel_rt_sigreturn}, the
 * interrupted function at the exact pc the signal interrupted (its registers restored from the
 * frame's {@code sigcontext}, so its locals read right), then {@code main}. Expected values: the
 * fixture's label after its {@code svc} (binutils' symbol table), its markers and constants
 * ({@code programs/aarch64/sigframe.c}), the ISA's encodings of {@code mov x8, #139} and
 * {@code svc #0}.
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "aarch64", disabledReason = "AArch64 only: misc/aarch64/run-tests.sh runs it")
class SignalFrameTest {
    private static final String FIXTURE = "aarch64/sigframe.c";

    @Test
    void backtraceFromAHandlerReachesTheInterruptedFunction() throws Exception {
        Path exe = Fixtures.compile(FIXTURE, CrossFixtures.C_FLAGS);
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.breakpoints().addLine("programs/" + FIXTURE, Fixtures.line(FIXTURE, "in-handler"));
            StopEvent e = t.execution().resume().get(60, TimeUnit.SECONDS);
            assertTrue(e instanceof Stopped s && s.reason() == Reason.BREAKPOINT, "stopped in the handler: " + e);
            List<Frame> bt = t.frames().backtrace();
            assertTrue(bt.size() >= 4, "handler, trampoline, interrupted, main: " + bt);
            assertEquals("on_signal", bt.get(0).displayName());
            assertEquals("<signal handler called>", bt.get(1).displayName(), bt.toString());
            assertEquals(0xd2801168, word(t, bt.get(1).pc()), "mov x8, #139 at the trampoline");
            assertEquals(0xd4000001, word(t, bt.get(1).pc() + 4), "svc #0 after it");
            assertEquals("interrupted", bt.get(2).displayName(), bt.toString());
            assertEquals(Nm.address(exe, "after_kill"), bt.get(2).pc(), "the interrupted pc, exactly (no return address - 1)");
            assertEquals(Fixtures.line(FIXTURE, "kill"), t.symbols().sourceAt(bt.get(2).pc()).orElseThrow().line().line());
            assertEquals("1233", t.frames().evaluate("local", bt.get(2)).value(), "a local of the interrupted frame, from the restored registers");
            assertEquals("main", bt.get(3).displayName(), bt.toString());
            assertEquals(Fixtures.line(FIXTURE, "call"), t.symbols().sourceAt(bt.get(3).pc() - 4).orElseThrow().line().line());
            assertEquals(new StopEvent.Exited(0, null), t.execution().resume().get(60, TimeUnit.SECONDS));
        }
    }

    private static int word(Target t, long address) {
        return ByteBuffer.wrap(t.memory().read(address, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
