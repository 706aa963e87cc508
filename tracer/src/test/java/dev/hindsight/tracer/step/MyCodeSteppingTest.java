package dev.hindsight.tracer.step;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.breakpoints.Breakpoint;
import dev.hindsight.tracer.disasm.Instruction;
import dev.hindsight.tracer.source.SourcePoint;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.GdbSourceOracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * "My code only" stepping: line steps and step out never stop in code that is not the program's
 * own (libc, the loader, PLT stubs), even on a machine whose libc has debug information.
 */
class MyCodeSteppingTest {
    private static final String FIXTURE = "my_code.c";

    record Place(String function, String file, int line) {}

    /**
     * gdb's {@code step} where only the program has lines (every library's debug information
     * hidden) is my-code-only stepping where no library calls back: stop for stop from
     * {@code break main} to the program's end, which both must reach.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "source_c.c, ''",
            "source_c.c, gcc",
            "hello.c, ''",
            "hello.c, -no-pie",
            "recurse.c, ''",
    })
    void stepToTheEndMatchesGdbWhenOnlyTheProgramHasLines(String fixture, String flags) throws Exception {
        Path exe = Fixtures.compileSpec(fixture, flags);
        GdbSourceOracle.Run gdb = GdbSourceOracle.runToEnd(exe, "main", "step", 400, GdbSourceOracle.PROGRAM_LINES_ONLY);
        assertTrue(gdb.exited(), "gdb stepped to the program's end: " + gdb.stops().size() + " stops");
        List<Place> expected = gdb.stops().stream().map(s -> new Place(s.function(), s.file(), s.line())).toList();
        List<Place> actual = new ArrayList<>();
        StopEvent last;
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.execution().setMyCodeOnly(true);
            last = stopped(t.execution().runToMain());
            while (last instanceof StopEvent.Stopped && actual.size() <= expected.size()) {
                Optional<SourcePoint> p = t.symbols().sourceAt(t.registers().current().rip());
                actual.add(p.map(x -> new Place(x.function(), x.line().file(), x.line().line())).orElse(new Place("??", "", 0)));
                last = stop(t.execution().stepIntoLine());
            }
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), "stop " + i + " after " + (i > 0 ? expected.get(i - 1) : "start"));
        }
        assertEquals(expected.size(), actual.size(), "number of stops");
        assertInstanceOf(StopEvent.Exited.class, last, "the last step ended the program, as gdb's did");
    }

    /**
     * From a marker line, with my-code-only on or off, a sequence of requests ({@code step},
     * {@code next}, {@code out}, {@code stepi-call}: instruction steps through the line's first
     * call instruction) ends at {@code expected}: a marker line, {@code exit} (the program ended
     * with code 0) or {@code not-own} (an instruction with no line of the program's own).
     */
    @ParameterizedTest(name = "{0}: {2} (my code only {1}) -> {3}")
    @CsvSource({
            // A library call is stepped over; one that calls the program back stops in the callback.
            "puts, true, step, qsort",
            "qsort, true, step, compare",
            "qsort, false, step, print",
            "qsort, true, next, print",
            "print, true, step, return",
            // Out of the callback into qsort, which calls it again: the next comparison.
            "compare, true, out, compare",
            // Out of main: the program runs to its end, not into __libc_start_call_main.
            "return, true, out, exit",
            "return, true, step, exit",
            "return, true, next, exit",
            // Instruction steps go into the PLT stub regardless; a line step or step out leaves it.
            "puts, true, stepi-call, not-own",
            "puts, true, stepi-call step, qsort",
            // puts is the last call of its line: it returns to where the next line's code begins.
            "puts, true, stepi-call out, qsort",
            "qsort, true, stepi-call step, compare",
    })
    void stepsEndInTheProgramsOwnCode(String marker, boolean myCodeOnly, String requests, String expected) {
        Path exe = Fixtures.compile(FIXTURE);
        String file = Fixtures.source(FIXTURE).toString();
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.execution().setMyCodeOnly(myCodeOnly);
            t.breakpoints().addLine(file, Fixtures.line(FIXTURE, marker));
            StopEvent last = stopped(t.execution().resume());
            t.breakpoints().all().forEach(b -> t.breakpoints().remove(b.id()));
            for (String r : requests.split(" ")) {
                last = stop(switch (r) {
                    case "step" -> t.execution().stepIntoLine();
                    case "next" -> t.execution().stepLine();
                    case "out" -> t.execution().stepOut();
                    case "stepi-call" -> intoFirstCall(t);
                    default -> throw new IllegalArgumentException(r);
                });
            }
            if (expected.equals("exit")) {
                assertEquals(new StopEvent.Exited(0, null), last);
                return;
            }
            assertInstanceOf(StopEvent.Stopped.class, last, "stopped");
            Optional<SourcePoint> at = t.symbols().sourceAt(t.registers().current().rip());
            if (expected.equals("not-own")) {
                assertTrue(at.isEmpty() || !at.get().line().file().equals(file), "outside the program's lines: " + at);
                return;
            }
            assertTrue(at.isPresent(), "at a line of the program");
            assertEquals(file, at.get().line().file());
            assertEquals(Fixtures.line(FIXTURE, expected), at.get().line().line(), "line of marker " + expected);
        }
    }

    @Test
    void aLibraryOfTheProgramsOwnIsItsOwnCode() {
        Path lib = Fixtures.compile("pending_lib.c", "-shared", "-fPIC");
        Path exe = Fixtures.compile("pending.c", lib.toString(), "-ldl");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.execution().setMyCodeOnly(true);
            t.breakpoints().addLine(Fixtures.source("pending.c").toString(), Fixtures.line("pending.c", "call lib"));
            stopped(t.execution().resume());
            stopped(t.execution().stepIntoLine());
            SourcePoint at = t.symbols().sourceAt(t.registers().current().rip()).orElseThrow();
            assertEquals(Fixtures.source("pending_lib.c").toString(), at.line().file(), "through the PLT into the program's library");
            assertEquals(Fixtures.line("pending_lib.c", "lib body"), at.line().line());
        }
    }

    @Test
    void aBreakpointAfterMainStopsStepOutOfMain() {
        Path exe = Fixtures.compile(FIXTURE);
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.execution().setMyCodeOnly(true);
            Breakpoint ret = t.breakpoints().addLine(Fixtures.source(FIXTURE).toString(), Fixtures.line(FIXTURE, "return"));
            stopped(t.execution().resume());
            t.breakpoints().remove(ret.id());
            t.breakpoints().addFunction("exit");
            StopEvent.Stopped s = stopped(t.execution().stepOut());
            assertEquals(StopEvent.Reason.BREAKPOINT, s.reason());
            assertEquals("exit", t.symbols().symbolize(s.pc()).orElseThrow().replaceAll("\\+.*", ""));
        }
    }

    /** Instruction steps up to the line's first call, then one more into it. */
    private static CompletableFuture<StopEvent> intoFirstCall(Target t) {
        for (int i = 0; i < 100; i++) {
            Instruction insn = t.disassembly().instructionAt(t.registers().current().rip()).orElseThrow();
            if (insn.isCall()) return t.execution().stepInstruction();
            stopped(t.execution().stepInstruction());
        }
        throw new AssertionError("no call on the line");
    }
}
