package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.dwarf.cfi.Unwinder;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.GdbBacktraceOracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Backtraces equal gdb's {@code bt} frame for frame: names (inlined calls and signal trampolines
 * included), pcs, lines, and the registers recovered in every caller.
 */
class BacktraceOracleTest {
    private static final List<String> ENV = List.of("HINDSIGHT_BT=1", "LANG=C", "PATH=/usr/bin:/bin");
    /** Our DWARF numbers of the registers the oracle reports. */
    private static final Map<String, Integer> DWARF = Map.of("rip", Unwinder.RIP, "rsp", Unwinder.RSP, "rbp",
            Unwinder.RBP, "rbx", Unwinder.RBX, "r12", 12, "r13", 13, "r14", 14, "r15", 15);

    /**
     * {@code stop}: {@code marker:NAME} (a line breakpoint), {@code *SYMBOL} (an instruction
     * breakpoint) or {@code fault} (run until a signal stops the program).
     */
    @ParameterizedTest(name = "{0} {1} {2} at {3}")
    @CsvSource({
            "backtrace.c, '', deep, marker:deepest, current",
            "backtrace.c, '', signal, marker:handler, current",
            "backtrace.c, '', alarm, marker:alarm, current",
            "backtrace.c, '', strlen, fault, current",
            "backtrace.c, '', inline, marker:leaf, current",
            "backtrace.c, '', threads, marker:worker, current",
            "backtrace.c, '', threads, marker:threads_main, all",
            "backtrace.c, -no-pie -fomit-frame-pointer, deep, marker:deepest, current",
            "backtrace.cpp, '', '', marker:helper, current",
            "backtrace_asm.S, '', '', marker:frameless, current",
            "backtrace_asm.S, '', '', *frameless, current",
            "backtrace_asm.S, '', '', *no_cfi, current",
            "backtrace_asm.S, '', '', *with_cfi, current",
            "dwarf_asm.s, '', '', *twice, current",
            "faults.c, '', segv, fault, current",
            "source_cpp.cpp, '', '', marker:twice, current",
    })
    void backtraceMatchesGdb(String fixture, String flags, String args, String stop, String threads) throws Exception {
        Path exe = flags.isBlank() ? Fixtures.compile(fixture) : Fixtures.compile(fixture, flags.split(" "));
        List<String> argv = args.isBlank() ? List.of() : Arrays.asList(args.split(" "));
        String gdbBreak = stop.equals("fault") ? null
                : stop.startsWith("marker:") ? Fixtures.source(fixture) + ":" + Fixtures.line(fixture, stop.substring(7)) : stop;
        GdbBacktraceOracle.Stop expected = GdbBacktraceOracle.run(exe, argv, gdbBreak, ENV);
        try (Target t = Target.launch(LaunchSpec.of(exe).withArgs(argv).withEnvironment(ENV))) {
            if (stop.startsWith("marker:")) {
                Breakpoint b = t.addLineBreakpoint(Fixtures.source(fixture).toString(), Fixtures.line(fixture, stop.substring(7)));
                assertFalse(b.addresses().isEmpty(), "breakpoint resolved");
            } else if (stop.startsWith("*")) {
                OptionalLong a = t.addressOf(stop.substring(1));
                assertTrue(a.isPresent(), stop);
                t.addBreakpoint(a.getAsLong());
            }
            StopEvent.Stopped s = stopped(t.resume());
            assertEquals(stop.equals("fault") ? StopEvent.Reason.SIGNAL : StopEvent.Reason.BREAKPOINT, s.reason(), s.toString());
            // Thread ids differ between gdb's run and ours (and registers may hold them): pair them in creation order.
            List<Integer> ours = new ArrayList<>(t.threads());
            List<Integer> theirs = new ArrayList<>(expected.threads().keySet());
            ours.sort(null);
            theirs.sort(null);
            assertEquals(theirs.size(), ours.size(), "threads");
            Map<Long, Long> ids = new HashMap<>();
            for (int i = 0; i < ours.size(); i++) ids.put((long) theirs.get(i), (long) ours.get(i));
            int frames = 0;
            for (int i = 0; i < ours.size(); i++) {
                if (threads.equals("current") && ours.get(i) != s.tid()) continue;
                List<Frame> bt = t.backtrace(ours.get(i), 256);
                compare(expected.threads().get(theirs.get(i)), bt, ids, "thread #" + i, args.equals("alarm"));
                frames = Math.max(frames, bt.size());
            }
            assertTrue(frames > 1, "a backtrace with callers");
        }
    }

    /**
     * {@code asynchronous}: the signal interrupted running code, so the instruction it landed on
     * (and the registers there) differ between gdb's run and ours; only function and line of the
     * interrupted frame are then comparable.
     */
    private static void compare(List<GdbBacktraceOracle.Frame> expected, List<Frame> actual, Map<Long, Long> ids, String what,
                                boolean asynchronous) {
        String context = what + "\n  gdb: " + expected.stream().map(f -> f.name() + "@" + Long.toHexString(f.pc())).toList()
                + "\n  ours: " + actual.stream().map(f -> f.displayName() + "@" + Long.toHexString(f.pc())).toList();
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            GdbBacktraceOracle.Frame g = expected.get(i);
            Frame f = actual.get(i);
            String where = "frame " + i + " of " + context;
            assertEquals(g.name(), f.displayName(), where);
            boolean interrupted = asynchronous && i > 0 && expected.get(i - 1).name().equals("<signal handler called>");
            if (!interrupted) assertEquals(Long.toHexString(g.pc()), Long.toHexString(f.pc()), "pc of " + where);
            assertEquals(g.inline(), f.inlined(), "inline " + where);
            if (g.file() != null) {
                assertNotNull(f.line(), "line of " + where);
                assertEquals(Path.of(g.file()).getFileName(), Path.of(f.line().file()).getFileName(), "file of " + where);
                assertEquals(g.line(), f.line().line(), "line of " + where);
            }
            if (interrupted) continue;
            g.registers().forEach((name, value) -> {
                if (value == null) return; // gdb cannot recover it either
                Long ours = f.registers().get(DWARF.get(name));
                assertEquals(Long.toHexString(ids.getOrDefault(value, value)), ours == null ? "<not saved>" : Long.toHexString(ours), name + " in " + where);
            });
        }
        assertEquals(expected.size(), actual.size(), "number of frames: " + context);
    }
}
