package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.breakpoints.Breakpoint;
import dev.hindsight.tracer.dwarf.cfi.Unwinder;
import dev.hindsight.tracer.elf.ElfFile;
import dev.hindsight.tracer.stack.Frame;
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
 * Backtraces equal gdb's {@code bt} frame for frame: names (inlined calls, tail calls and signal
 * trampolines included), pcs, lines, and the registers recovered in every caller.
 */
class BacktraceOracleTest {
    private static final long PIE_BASE = 0x555555554000L;
    private static final List<String> ENV = List.of("HINDSIGHT_BT=1", "LANG=C", "PATH=/usr/bin:/bin");
    /** Our DWARF numbers of the registers the oracle reports. */
    private static final Map<String, Integer> DWARF = Map.of("rip", Unwinder.RIP, "rsp", Unwinder.RSP, "rbp",
            Unwinder.RBP, "rbx", Unwinder.RBX, "r12", 12, "r13", 13, "r14", 14, "r15", 15);

    /**
     * {@code stop}: {@code marker:NAME} (a line breakpoint), {@code *SYMBOL} (an instruction
     * breakpoint), {@code fault} (run until a signal stops the program) or {@code entry} (the
     * first instruction, where a launch stops). {@code threads}: whose
     * backtraces to compare, {@code current} or {@code all}; {@code -unnamed} leaves names out.
     */
    @ParameterizedTest(name = "{0} {1} {2} at {3}")
    @CsvSource({
            "backtrace.c, '', deep, marker:deepest, current",
            "backtrace.c, '', deep, entry, current",
            "backtrace_asm.S, '', '', entry, current",
            "dwarf_asm.s, '', '', entry, current",
            "backtrace.c, '', signal, marker:handler, current",
            "backtrace.c, '', raise, marker:handler, current",
            "backtrace.c, '', abort, fault, current",
            "backtrace.c, '', alarm, marker:alarm, current",
            "backtrace.c, '', sleep, marker:alarm, current",
            "backtrace.c, gcc -O2, sleep, marker:alarm, current",
            "backtrace.c, '', strlen, fault, current",
            "backtrace.c, '', null, fault, current",
            "backtrace.c, '', smash, fault, current",
            "backtrace.c, '', doublefree, fault, current",
            "backtrace.c, '', assert, fault, current",
            "backtrace.c, '', vdso, *__vdso_clock_gettime, current",
            "backtrace.c, '', inline, marker:leaf, current",
            "backtrace.c, '', threads, marker:worker, current",
            "backtrace.c, '', threads, marker:threads_main, all",
            "backtrace.c, -no-pie -fomit-frame-pointer, deep, marker:deepest, current",
            "backtrace.c, -O2, deep, marker:deepest, current",
            // Only .debug_frame describes the program's own code.
            "backtrace.c, -O2 -fno-asynchronous-unwind-tables -fno-unwind-tables, signal, marker:handler, current",
            "backtrace.c, -O1 -fno-asynchronous-unwind-tables -fno-unwind-tables, deep, marker:deepest, current",
            "backtrace.c, -O2, signal, marker:handler, current",
            "backtrace.c, -O2, raise, marker:handler, current",
            "backtrace.c, -O2, strlen, fault, current",
            "backtrace.c, -O2, inline, marker:leaf, current",
            "backtrace.c, -O2, smash, fault, current",
            "backtrace.c, -O2, threads, marker:threads_main, all",
            "backtrace.cpp, -O2, throw, fault, current",
            "backtrace.c, gcc, deep, marker:deepest, current",
            "backtrace.c, gcc, signal, marker:handler, current",
            "backtrace.c, gcc, inline, marker:leaf, current",
            "backtrace.c, gcc -O2, raise, marker:handler, current",
            "backtrace.c, gcc -O2, strlen, fault, current",
            "backtrace.c, gcc -O2, inline, marker:leaf, current",
            "backtrace.c, gcc -O2, smash, fault, current",
            "backtrace.c, gcc -O2, threads, marker:threads_main, all",
            "backtrace.cpp, gcc, '', marker:helper, current",
            // gdb names gcc's lambda frames from its own type printer (struct {...} &): not compared.
            "backtrace.cpp, gcc, '', marker:lambda, current-unnamed",
            "backtrace.cpp, gcc -O2, throw, fault, current",
            "backtrace.cpp, '', '', marker:helper, current",
            "backtrace.cpp, '', throw, fault, current",
            "backtrace.cpp, '', '', marker:lambda, current",
            "backtrace_asm.S, '', '', marker:frameless, current",
            "backtrace_asm.S, '', '', *frameless, current",
            "backtrace_asm.S, '', '', *no_cfi, current",
            "backtrace_asm.S, '', '', *with_cfi, current",
            "dwarf_asm.s, '', '', *twice, current",
            "faults.c, '', segv, fault, current",
            "hello.c, '', '', *printf@plt, current",
            "hello.c, '-no-pie -Wl,-z,now', '', *printf@plt, current",
            "source_cpp.cpp, '', '', marker:twice, current",
            "backtrace.c, clang-19, deep, marker:deepest, current",
            "backtrace.c, clang-19 -O2, signal, marker:handler, current",
            "backtrace.c, clang-19 -O2 -gdwarf-4, inline, marker:leaf, current",
            "backtrace.cpp, clang-19, '', marker:lambda, current",
            "backtrace.cpp, clang-19 -O2, throw, fault, current",
    })
    void backtraceMatchesGdb(String fixture, String flags, String args, String stop, String threads) throws Exception {
        Path exe = Fixtures.compileSpec(fixture, flags);
        List<String> argv = args.isBlank() ? List.of() : Arrays.asList(args.split(" "));
        String gdbBreak = stop.equals("fault") ? null : stop.equals("entry") ? GdbBacktraceOracle.STARTI
                : stop.startsWith("marker:") ? Fixtures.source(fixture) + ":" + Fixtures.line(fixture, stop.substring(7))
                : "*0x" + Long.toHexString(runtimeAddress(exe, stop.substring(1)));
        GdbBacktraceOracle.Stop expected = GdbBacktraceOracle.run(exe, argv, gdbBreak, ENV);
        try (Target t = Target.launch(LaunchSpec.of(exe).withArgs(argv).withEnvironment(ENV))) {
            if (stop.startsWith("marker:")) {
                Breakpoint b = t.breakpoints().addLine(Fixtures.source(fixture).toString(), Fixtures.line(fixture, stop.substring(7)));
                assertFalse(b.addresses().isEmpty(), "breakpoint resolved");
            } else if (stop.startsWith("*")) {
                OptionalLong a = t.symbols().addressOf(stop.substring(1));
                assertTrue(a.isPresent(), stop);
                t.breakpoints().add(a.getAsLong());
            }
            StopEvent.Stopped s = stop.equals("entry") ? (StopEvent.Stopped) t.lastStop() : stopped(t.execution().resume());
            StopEvent.Reason expectedReason = switch (stop) {
                case "fault" -> StopEvent.Reason.SIGNAL;
                case "entry" -> s.reason();
                default -> StopEvent.Reason.BREAKPOINT;
            };
            assertEquals(expectedReason, s.reason(), s.toString());
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
                if (threads.startsWith("current") && ours.get(i) != s.tid()) continue;
                List<Frame> bt = t.frames().backtrace(ours.get(i), 256);
                compare(expected.threads().get(theirs.get(i)), bt, ids, !threads.endsWith("-unnamed"), "thread #" + i);
                frames = Math.max(frames, bt.size());
            }
            assertTrue(frames > 1 || stop.equals("entry"), "a backtrace with callers");
        }
    }

    /** Where a symbol is at run time: ASLR is off on both sides, so a PIE sits at Linux's fixed base. */
    private static long runtimeAddress(Path exe, String symbol) {
        ElfFile elf = ElfFile.open(exe);
        OptionalLong link = elf.addressOf(symbol);
        if (link.isPresent()) return link.getAsLong() + (elf.isDynamicType() ? PIE_BASE : 0);
        try (Target t = Target.launch(LaunchSpec.of(exe))) { // the vDSO: mapped by the kernel at exec
            return t.symbols().addressOf(symbol).orElseThrow(() -> new AssertionError("no symbol " + symbol));
        }
    }

    static void compare(List<GdbBacktraceOracle.Frame> expected, List<Frame> actual, Map<Long, Long> ids,
                                boolean names, String what) {
        String context = what + "\n  gdb: " + expected.stream().map(f -> f.name() + "@" + Long.toHexString(f.pc())).toList()
                + "\n  ours: " + actual.stream().map(f -> f.displayName() + "@" + Long.toHexString(f.pc())).toList();
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            GdbBacktraceOracle.Frame g = expected.get(i);
            Frame f = actual.get(i);
            String where = "frame " + i + " of " + context;
            if (names) assertEquals(g.name(), f.displayName(), where);
            assertEquals(Long.toHexString(g.pc()), Long.toHexString(f.pc()), "pc of " + where);
            assertEquals(g.inline(), f.inlined(), "inline " + where);
            assertEquals(g.tailCall(), f.tailCall(), "tail call " + where);
            if (g.file() != null) {
                assertNotNull(f.line(), "line of " + where);
                assertEquals(Path.of(g.file()).getFileName(), Path.of(f.line().file()).getFileName(), "file of " + where);
                assertEquals(g.line(), f.line().line(), "line of " + where);
            }
            g.registers().forEach((name, value) -> {
                if (value == null) return; // gdb cannot recover it either
                Long ours = f.registers().get(DWARF.get(name));
                assertEquals(Long.toHexString(ids.getOrDefault(value, value)), ours == null ? "<not saved>" : Long.toHexString(ours), name + " in " + where);
            });
        }
        assertEquals(expected.size(), actual.size(), "number of frames: " + context);
    }
}
