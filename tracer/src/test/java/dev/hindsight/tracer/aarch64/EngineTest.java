package dev.hindsight.tracer.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.StopEvent.Reason;
import dev.hindsight.tracer.StopEvent.Stopped;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.backend.AuxvType;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The engine itself ({@link Target}) debugging a C program on AArch64: line breakpoints (BRK #0),
 * registers through {@code NT_PRSTATUS}, an argument and a local from DWARF (sp- and x29-based
 * frames), a single instruction step, {@code next} over a {@code bl}, a backtrace unwound with CFI
 * through a leaf whose return address is still in x30, a write watchpoint ({@code NT_ARM_HW_WATCH},
 * reported after the store as on x86) and the exit code. Expected values come from the guest's
 * gdb ({@link GuestGdb}: the same session on the same binary, every register, line, frame,
 * argument, local and value compared), the fixture's own constants ({@code programs/aarch64/engine.c}),
 * the host's gdb-multiarch (line addresses, {@link CrossLines}) and the kernel's
 * {@code /proc/PID/syscall} (sp and pc of the stopped thread), never from the engine.
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
            // Both runs with the C library's per-run secrets zeroed, so that every register can agree.
            long atRandom = t.memory().auxv().get(AuxvType.AT_RANDOM);
            t.memory().write(atRandom, new byte[16]);
            // The same session in the guest's gdb first; each of Hindsight's answers below is compared with its answer.
            List<String> session = List.of(
                    "break engine.c:" + Fixtures.line(FIXTURE, "first-call"), "continue", "info registers", // 2
                    "next", "frame", "info registers",                                                  // 5
                    "break engine.c:" + Fixtures.line(FIXTURE, "scale-entry"), "continue", "info registers", "bt", // 9
                    "info args", "up", "info locals", "down",                                           // 13
                    "stepi", "info registers",                                                          // 15
                    "next", "frame", "info locals", "print sink",                                       // 19
                    "watch sink", "continue", "frame", "info registers", "print sink",                  // 24
                    "delete", "continue");                                                             // 26
            List<String> start = GuestGdb.startWithoutSecrets(atRandom);
            List<String> all = GuestGdb.run(exe, Stream.concat(start.stream(), session.stream()).toList());
            assertTrue(all.get(1).matches("(?s).*AT_RANDOM.*0x0*" + Long.toHexString(atRandom) + "\\b.*"), "gdb's AT_RANDOM is Hindsight's: " + all.get(1));
            List<String> gdb = all.subList(start.size(), all.size());
            t.breakpoints().addLine(source, Fixtures.line(FIXTURE, "first-call"));
            Stopped first = stopped(t.execution().resume(), Reason.BREAKPOINT);
            assertEquals(CrossLines.address(exe, "first-call"), first.pc(), "the breakpoint's pc is gdb's address of the line");
            assertRegisters(gdb.get(2), t, "at the first breakpoint");
            assertKernelAgrees(t);

            // next over `bl scale` (the first call): the following line, scale's breakpoint-free run stepped over.
            Stopped next = stopped(t.execution().stepLine(), Reason.STEP);
            assertEquals(GuestGdb.frames(gdb.get(4)).get(0), frame(t), "next steps over the call");
            assertEquals(Fixtures.line(FIXTURE, "second-call"), line(t, next.pc()));
            assertEquals(CrossLines.address(exe, "second-call"), next.pc(), "and stops at the line's first instruction");
            assertRegisters(gdb.get(5), t, "after next");

            t.breakpoints().addLine(source, Fixtures.line(FIXTURE, "scale-entry"));
            Stopped entry = stopped(t.execution().resume(), Reason.BREAKPOINT);
            assertEquals(CrossLines.address(exe, "scale-entry"), entry.pc(), "BRK #0 leaves pc at the breakpoint");
            Registers r = t.registers().current();
            assertEquals(entry.pc(), r.pc());
            assertEquals(4, r.get("x0"), "the second call's argument, seed = 4, in x0 (AAPCS64)");
            assertEquals(0, r.sp() & 15, "sp stays 16-byte aligned");
            assertRegisters(gdb.get(8), t, "at scale's breakpoint");
            assertKernelAgrees(t);

            List<Frame> frames = t.frames().backtrace();
            List<GuestGdb.Frame> gdbFrames = GuestGdb.frames(gdb.get(9));
            assertEquals(List.of("scale", "main"), gdbFrames.stream().map(GuestGdb.Frame::function).toList(), "gdb's bt");
            assertTrue(frames.size() >= gdbFrames.size(), "at least gdb's frames: " + frames);
            for (int i = 0; i < gdbFrames.size(); i++) {
                assertEquals(gdbFrames.get(i), summary(frames.get(i)), "frame " + i + ", unwound through the leaf by CFI, return address in x30");
            }
            assertEquals(GuestGdb.variables(gdb.get(10)), values(t.frames().arguments(frames.get(0))), "the argument, at sp + offset (DW_OP_fbreg, frame base sp)");
            assertEquals(GuestGdb.variables(gdb.get(12)), values(t.frames().locals(frames.get(1))), "main's locals, at x29 - offset (frame base x29)");
            assertEquals("19", value(t.frames().locals(frames.get(1)), "first"), "the first call's result: 6 * 3 + 1");

            long pc = entry.pc();
            Stopped step = stopped(t.execution().stepInstruction(), Reason.STEP);
            assertEquals(pc + 4, step.pc(), "one fixed-width instruction (the line's ldr) stepped off the breakpoint");
            assertRegisters(gdb.get(15), t, "after stepi");

            Stopped inScale = stopped(t.execution().stepLine(), Reason.STEP);
            assertEquals(GuestGdb.frames(gdb.get(17)).get(0), frame(t), "next within scale");
            assertEquals(CrossLines.address(exe, "in-scale"), inScale.pc());
            assertEquals(GuestGdb.variables(gdb.get(18)), values(t.frames().locals(t.frames().backtrace().get(0))), "scale's locals");
            assertEquals("13", value(t.frames().locals(t.frames().backtrace().get(0)), "local"), "local = 4 * 3 + 1");

            // A write watchpoint on sink: AArch64 traps before the store; the engine steps over it so the
            // stop shows the new value (13) where the old one was the first call's 19, as on x86 and as gdb does.
            long sink = Nm.address(exe, "sink");
            assertEquals(GuestGdb.value(gdb.get(19)), t.frames().evaluate("sink", t.frames().backtrace().get(0)).value(), "before the store");
            t.breakpoints().addWatch(sink, 4, WatchKind.WRITE);
            Stopped watch = stopped(t.execution().resume(), Reason.WATCHPOINT);
            assertTrue(gdb.get(21).contains("Old value = 19") && gdb.get(21).contains("New value = 13"), "gdb's watchpoint hit: " + gdb.get(21));
            assertEquals(List.of(sink), watch.breakpointAddresses(), "the watched address");
            assertEquals(GuestGdb.frames(gdb.get(22)).get(0), frame(t), "where the watchpoint stopped");
            assertRegisters(gdb.get(23), t, "at the watchpoint's stop, just after the store");
            assertEquals(GuestGdb.value(gdb.get(24)), t.frames().evaluate("sink", t.frames().backtrace().get(0)).value(), "after the store");

            StopEvent end = t.execution().resume().get(TIMEOUT, TimeUnit.SECONDS);
            assertEquals(new StopEvent.Exited(GuestGdb.exitCode(gdb.get(26)), null), end, "gdb's exit code");
            assertEquals(new StopEvent.Exited(12, null), end, "19 + 13 - 20");
        }
    }

    /** x0-x30, sp, pc and cpsr as gdb's {@code info registers} printed them at the same stop. */
    private static void assertRegisters(String gdbInfoRegisters, Target t, String where) {
        Map<String, Long> expected = GuestGdb.registers(gdbInfoRegisters);
        Registers r = t.registers().current();
        for (String name : Architecture.host().displayRegisterOrder()) {
            Long want = expected.get(name);
            assertTrue(want != null, "gdb printed no " + name + ": " + gdbInfoRegisters);
            assertEquals(Long.toHexString(want), Long.toHexString(r.get(name)), name + " " + where);
        }
    }

    private static GuestGdb.Frame frame(Target t) {
        return summary(t.frames().backtrace().get(0));
    }

    private static GuestGdb.Frame summary(Frame f) {
        return new GuestGdb.Frame(f.function(), f.source().map(s -> s.line()).orElse(0));
    }

    private static Map<String, String> values(List<Variable> vars) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Variable v : vars) m.put(v.name(), v.value());
        return m;
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
