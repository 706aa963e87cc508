package dev.hindsight.tracer.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.StopEvent.Reason;
import dev.hindsight.tracer.StopEvent.Stopped;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.breakpoints.WatchKind;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.testing.CrossFixtures;
import dev.hindsight.tracer.testing.CrossLines;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import dev.hindsight.tracer.values.Variable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The engine itself ({@link Target}) debugging a C program on AArch64: line breakpoints (BRK #0),
 * registers through {@code NT_PRSTATUS}, an argument and a local from DWARF (sp- and x29-based
 * frames), a single instruction step, {@code next} over a {@code bl}, a backtrace unwound with CFI
 * through a leaf whose return address is still in x30, a write watchpoint ({@code NT_ARM_HW_WATCH},
 * reported after the store as on x86) and the exit code. Expected values come from
 * the fixture's own constants ({@code programs/aarch64/engine.c}), the host's gdb-multiarch (line
 * addresses, {@link CrossLines}) and the kernel's {@code /proc/PID/syscall} (sp and pc of the
 * stopped thread), never from the engine.
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "aarch64", disabledReason = "AArch64 only: misc/aarch64/run-tests.sh runs it")
class EngineTest {
    private static final String FIXTURE = "aarch64/engine.c";
    private static final int TIMEOUT = 60;

    @Test
    void breakpointsRegistersValuesStepsBacktraceAndExit() throws Exception {
        Path exe = Fixtures.compile(FIXTURE, CrossFixtures.C_FLAGS);
        // Relative: the DWARF path is the host's build directory, matched by its trailing components.
        String source = "programs/" + FIXTURE;
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.breakpoints().addLine(source, Fixtures.line(FIXTURE, "first-call"));
            Stopped first = stopped(t.execution().resume(), Reason.BREAKPOINT);
            assertEquals(CrossLines.address(exe, "first-call"), first.pc(), "the breakpoint's pc is gdb's address of the line");
            assertKernelAgrees(t);

            // next over `bl scale` (the first call): the following line, scale's breakpoint-free run stepped over.
            Stopped next = stopped(t.execution().stepLine(), Reason.STEP);
            assertEquals(Fixtures.line(FIXTURE, "second-call"), line(t, next.pc()), "next steps over the call");
            assertEquals(CrossLines.address(exe, "second-call"), next.pc(), "and stops at the line's first instruction");

            t.breakpoints().addLine(source, Fixtures.line(FIXTURE, "scale-entry"));
            Stopped entry = stopped(t.execution().resume(), Reason.BREAKPOINT);
            assertEquals(CrossLines.address(exe, "scale-entry"), entry.pc(), "BRK #0 leaves pc at the breakpoint");
            Registers r = t.registers().current();
            assertEquals(entry.pc(), r.pc());
            assertEquals(4, r.get("x0"), "the second call's argument, seed = 4, in x0 (AAPCS64)");
            assertEquals(0, r.sp() & 15, "sp stays 16-byte aligned");
            assertKernelAgrees(t);

            List<Frame> frames = t.frames().backtrace();
            assertTrue(frames.size() >= 2, "at least scale and main: " + frames);
            assertEquals("scale", frames.get(0).function());
            assertEquals("main", frames.get(1).function(), "unwound through the leaf by CFI, return address in x30");
            assertEquals(Fixtures.line(FIXTURE, "second-call"), frames.get(1).source().orElseThrow().line(), "main's frame is at the call");
            assertEquals("4", value(t.frames().arguments(frames.get(0)), "factor"), "the argument, at sp + offset (DW_OP_fbreg, frame base sp)");
            assertEquals("4", value(t.frames().locals(frames.get(1)), "seed"), "main's local, at x29 - offset (frame base x29)");
            assertEquals("19", value(t.frames().locals(frames.get(1)), "first"), "the first call's result: 6 * 3 + 1");

            long pc = entry.pc();
            Stopped step = stopped(t.execution().stepInstruction(), Reason.STEP);
            assertEquals(pc + 4, step.pc(), "one fixed-width instruction (the line's ldr) stepped off the breakpoint");
            assertEquals(pc + 4, t.registers().current().pc());

            Stopped inScale = stopped(t.execution().stepLine(), Reason.STEP);
            assertEquals(Fixtures.line(FIXTURE, "in-scale"), line(t, inScale.pc()));
            assertEquals(CrossLines.address(exe, "in-scale"), inScale.pc());
            assertEquals("13", value(t.frames().locals(t.frames().backtrace().get(0)), "local"), "local = 4 * 3 + 1");

            // A write watchpoint on sink: AArch64 traps before the store; the engine steps over it so the
            // stop shows the new value (13) where the old one was the first call's 19, as on x86.
            long sink = Nm.address(exe, "sink");
            assertEquals("19", t.frames().evaluate("sink", t.frames().backtrace().get(0)).value(), "before the store");
            t.breakpoints().addWatch(sink, 4, WatchKind.WRITE);
            Stopped watch = stopped(t.execution().resume(), Reason.WATCHPOINT);
            assertEquals(List.of(sink), watch.breakpointAddresses(), "the watched address");
            assertEquals("13", t.frames().evaluate("sink", t.frames().backtrace().get(0)).value(), "after the store");
            assertEquals("scale", t.frames().backtrace().get(0).function());

            StopEvent end = t.execution().resume().get(TIMEOUT, TimeUnit.SECONDS);
            assertEquals(new StopEvent.Exited(12, null), end, "19 + 13 - 20");
        }
    }

    /** The kernel's own view of the stopped thread: {@code /proc/PID/syscall} outside a system call is "-1 SP PC". */
    private static void assertKernelAgrees(Target t) throws Exception {
        String[] f = Files.readString(Path.of("/proc/" + t.currentThread() + "/syscall")).trim().split(" ");
        assertEquals("-1", f[0], "stopped outside a system call: " + String.join(" ", f));
        assertEquals(Long.decode(f[1]), t.registers().current().sp(), "sp");
        assertEquals(Long.decode(f[2]), t.registers().current().pc(), "pc");
    }

    private static Stopped stopped(CompletableFuture<StopEvent> f, Reason reason) throws Exception {
        StopEvent e = f.get(TIMEOUT, TimeUnit.SECONDS);
        assertTrue(e instanceof Stopped s && s.reason() == reason, "expected a " + reason + " stop, got " + e);
        return (Stopped) e;
    }

    private static int line(Target t, long pc) {
        return t.symbols().sourceAt(pc).orElseThrow(() -> new AssertionError("no line at 0x" + Long.toHexString(pc))).line().line();
    }

    private static String value(List<Variable> vars, String name) {
        return vars.stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + vars.stream().map(Variable::name).toList())).value();
    }
}
