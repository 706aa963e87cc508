package dev.hindsight.index.travel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.travel.TimeTravel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reverse stepping is forward stepping read backwards. The oracle is an independent forward run:
 * the recording replayed as a live process ({@code Target.replay}), stepped by the engine's
 * forward commands; the indexed recording must stop at the same states going forwards, and at the
 * same states in reverse order going back, by instruction and by source line (over and into).
 */
class ReverseStepsTest {
    static Path trace;

    @BeforeAll
    static void record() throws Exception {
        trace = dev.hindsight.index.testing.BuiltRecordings.of(Fixtures.compile("travel.c"));
    }

    /** The registers that are the program's state (not orig_rax, nor the trap and resume flags). */
    static long[] state(Target t) {
        long[] r = t.registers().current().raw().clone();
        r[15] = 0;
        r[18] &= ~0x10100L;
        return r;
    }

    static StopEvent await(CompletableFuture<StopEvent> f) throws Exception {
        return f.get(2, TimeUnit.MINUTES);
    }

    @Test
    void reverseInstructionStepsRetraceAForwardRun() throws Exception {
        List<long[]> forward = new ArrayList<>();
        try (Target replay = Target.replay(trace, null)) {
            await(replay.execution().runToMain());
            forward.add(state(replay));
            for (int i = 0; i < 1500; i++) {
                if (await(replay.execution().stepInstruction()) instanceof StopEvent.Exited) break;
                forward.add(state(replay));
            }
        }
        try (Target indexed = OpenedRecording.open(trace)) {
            TimeTravel travel = indexed.timeTravel().orElseThrow();
            await(indexed.execution().runToMain());
            long start = travel.now();
            for (int i = 1; i < forward.size(); i++) {
                await(indexed.execution().stepInstruction());
                assertArrayEquals(forward.get(i), state(indexed), "forward step " + i);
            }
            for (int i = forward.size() - 2; i >= 0; i--) {
                await(travel.stepBackInstruction());
                assertArrayEquals(forward.get(i), state(indexed), "after stepping back to forward step " + i);
            }
            assertEquals(start, travel.now());
        }
    }

    @Test
    void reverseNextRetracesNext() throws Exception {
        retraceLines(trace, "travel.c", 12, t -> t.execution().stepLine(), TimeTravel::stepBackLine);
    }

    @Test
    void reverseStepRetracesStep() throws Exception {
        retraceLines(trace, "travel.c", 12, t -> t.execution().stepIntoLine(), TimeTravel::stepBackIntoLine);
    }

    /**
     * Loops within one line (thousands of instructions of it, across index blocks): the reverse
     * step passes them in one query of the index, and must stop where the walk instruction by
     * instruction stopped, i.e. where the forward steps stopped.
     */
    @Test
    void reverseLineStepsOverLoopsWithinOneLine() throws Exception {
        Path oneLine = dev.hindsight.index.testing.BuiltRecordings.of(Fixtures.compile("one_line_loop.c"));
        retraceLines(oneLine, "one_line_loop.c", 3, t -> t.execution().stepLine(), TimeTravel::stepBackLine);
        retraceLines(oneLine, "one_line_loop.c", 3, t -> t.execution().stepIntoLine(), TimeTravel::stepBackIntoLine);
    }

    /** Line steps from main's body while they stop on a line of the fixture; then back through them all. */
    private void retraceLines(Path trace, String fixture, int atLeast, Function<Target, CompletableFuture<StopEvent>> forwardStep,
                              Function<TimeTravel, CompletableFuture<StopEvent>> backStep) throws Exception {
        List<long[]> forward = new ArrayList<>();
        try (Target replay = Target.replay(trace, null)) {
            await(replay.execution().runToMain());
            do {
                forward.add(state(replay));
                if (!(await(forwardStep.apply(replay)) instanceof StopEvent.Stopped)) break;
            } while (inFixture(replay, fixture) && forward.size() < 400);
        }
        assertTrue(forward.size() > atLeast, "the fixture has lines to step: " + forward.size());
        try (Target indexed = OpenedRecording.open(trace)) {
            TimeTravel travel = indexed.timeTravel().orElseThrow();
            await(indexed.execution().runToMain());
            assertArrayEquals(forward.get(0), state(indexed));
            for (int i = 1; i < forward.size(); i++) {
                await(forwardStep.apply(indexed));
                assertArrayEquals(forward.get(i), state(indexed), "forward line step " + i + " at " + where(indexed));
            }
            for (int i = forward.size() - 2; i >= 0; i--) {
                String from = where(indexed);
                await(backStep.apply(travel));
                assertArrayEquals(forward.get(i), state(indexed), "back from " + from + " to forward line step " + i
                        + ", stopped at " + where(indexed));
            }
        }
    }

    private static boolean inFixture(Target t, String fixture) {
        return t.symbols().sourceAt(t.registers().current().rip()).map(p -> p.line().file().endsWith(fixture)).orElse(false);
    }

    private static String where(Target t) {
        long pc = t.registers().current().rip();
        return t.symbols().sourceAt(pc).map(p -> p.function() + ":" + p.line().line()).orElse("?") + String.format(" (0x%x)", pc);
    }

    @Test
    void reverseFinishGoesBackToTheCallInstruction() throws Exception {
        int squareLine = Fixtures.line("travel.c", "square");
        try (Target indexed = OpenedRecording.open(trace)) {
            TimeTravel travel = indexed.timeTravel().orElseThrow();
            indexed.breakpoints().addLine(Fixtures.source("travel.c").toString(), squareLine);
            await(indexed.execution().resume());
            await(indexed.execution().resume()); // square(1)
            long inside = travel.now();
            await(travel.stepBackOut());
            var call = indexed.disassembly().instructionAt(indexed.registers().current().rip()).orElseThrow();
            assertTrue(call.isCall(), "stopped at " + call);
            assertEquals(Fixtures.line("travel.c", "loop"), indexed.symbols().sourceAt(call.address()).orElseThrow().line().line());
            assertTrue(travel.now() < inside);
            // Forward from the call: the callee's first instruction, then (back in) its breakpoint again.
            await(indexed.execution().stepInstruction());
            assertEquals("square", indexed.symbols().sourceAt(indexed.registers().current().rip()).orElseThrow().function());
            assertEquals(squareLine, indexed.symbols().sourceAt(((StopEvent.Stopped) await(indexed.execution().resume())).pc()).orElseThrow().line().line());
            assertEquals(inside, travel.now());
        }
    }
}
