package dev.hindsight.tracer.replay;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.backend.Resume;
import dev.hindsight.tracer.ptrace.SyscallInjector;
import dev.hindsight.tracer.record.TraceEvent;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay steps with rdtsc/cpuid trapping off (emulating them from their bytes) and continues
 * with it on (the traps catch them): a loop of rdtsc, cpuid and rdtscp whose results decide the
 * exit status replays identically stepped, continued to a breakpoint and stepped in turn, and
 * from a checkpoint taken while stepping; the kernel itself (ARCH_GET_CPUID, PR_GET_TSC) says
 * which mode the tracee is in.
 */
class ReplayTrappingModesTest {
    private static final long SYS_PRCTL = 157, SYS_ARCH_PRCTL = 158, ARCH_GET_CPUID = 0x1011, PR_GET_TSC = 25;
    /** {cpuid enabled (ARCH_GET_CPUID), PR_GET_TSC}: 0 and PR_TSC_SIGSEGV (2) while trapping, 1 and PR_TSC_ENABLE (1) not. */
    private static final List<Long> TRAPPING = List.of(0L, 2L), NOT_TRAPPING = List.of(1L, 1L);

    @TempDir Path tmp;
    private Path trace;
    private RecordReplayLockstepTest.Run recorded;

    @BeforeEach
    void record() throws Exception {
        trace = tmp.resolve("trace");
        recorded = RecordReplayLockstepTest.record(Fixtures.compile("record_timing_loop.s"), List.of(), "", trace);
        assertEquals("timing loop done\n", recorded.stdout());
        long emulated = RecordedTrace.open(trace).events().stream().filter(e -> e instanceof TraceEvent.Instruction).count();
        assertEquals(40 * 3, emulated, "40 rounds of rdtsc, cpuid, rdtscp, each an event");
    }

    /** What the kernel says of the tracee's rdtsc and cpuid trapping now. */
    private static List<Long> trappingNow(ReplayBackend b) {
        return b.withTracee(t -> {
            long cpuidEnabled = t.inject(SYS_ARCH_PRCTL, ARCH_GET_CPUID);
            assertEquals(0, t.inject(SYS_PRCTL, PR_GET_TSC, SyscallInjector.SCRATCH_DATA));
            long tsc = ByteBuffer.wrap(t.read(SyscallInjector.SCRATCH_DATA, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
            return List.of(cpuidEnabled, tsc);
        });
    }

    @Test
    void steppedReplayRunsWithoutTrappingAndAgreesAtEveryInstruction() throws Exception {
        RecordReplayLockstepTest.Steps steps = new RecordReplayLockstepTest.Steps();
        try (ReplayBackend b = ReplayBackend.start(RecordedTrace.open(trace), null)) {
            assertEquals(TRAPPING, trappingNow(b), "a replay starts prepared as the recording was");
            b.trace(b.pid(), 1, steps).get(60, TimeUnit.SECONDS);
            assertEquals(NOT_TRAPPING, trappingNow(b), "stepping");
            StopEvent e = b.trace(b.pid(), Long.MAX_VALUE, steps).get(600, TimeUnit.SECONDS);
            assertEquals(recorded.exit(), e);
            assertEquals(recorded.stdout(), new String(b.stdout().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(RecordedTrace.open(trace).events().size() - 1, b.eventIndex(), "every event consumed (exit never returns)");
        }
        assertEquals(recorded.steps().count, steps.count, "instructions executed");
        for (int i = 0; i < steps.count; i++) {
            assertArrayEquals(recorded.steps().at(i), steps.at(i), "step " + i);
        }
    }

    @Test
    void continuedAndSteppedInTurnTheReplayAgreesWithTheRecording() throws Exception {
        long loop = ((TraceEvent.Instruction) RecordedTrace.open(trace).events().stream()
                .filter(e -> e instanceof TraceEvent.Instruction).findFirst().orElseThrow()).pc();
        int hits = 0, searchFrom = 0;
        try (ReplayBackend b = ReplayBackend.start(RecordedTrace.open(trace), null)) {
            b.insertBreakpoint(loop);
            while (true) {
                StopEvent e = b.resume(Resume.proceed(b.pid())).get(120, TimeUnit.SECONDS);
                if (e instanceof StopEvent.Exited) {
                    assertEquals(recorded.exit(), e);
                    break;
                }
                assertEquals(loop, ((StopEvent.Stopped) e).pc(), "stopped at the breakpoint: " + e);
                hits++;
                assertEquals(TRAPPING, trappingNow(b), "continuing, hit " + hits);
                int at = indexOfPc(loop, searchFrom);
                assertArrayEquals(recorded.steps().at(at), b.registers(b.pid()).raw(), "registers at hit " + hits);
                searchFrom = at + 1;
                if (hits % 2 == 1) {
                    RecordReplayLockstepTest.Steps steps = new RecordReplayLockstepTest.Steps();
                    b.trace(b.pid(), 9, steps).get(60, TimeUnit.SECONDS);
                    assertEquals(NOT_TRAPPING, trappingNow(b), "stepping, after hit " + hits);
                    for (int i = 0; i < steps.count; i++) {
                        assertArrayEquals(recorded.steps().at(at + 1 + i), steps.at(i), "step " + i + " after hit " + hits);
                    }
                }
            }
            assertEquals(recorded.stdout(), new String(b.stdout().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(RecordedTrace.open(trace).events().size() - 1, b.eventIndex(), "every event consumed (exit never returns)");
        }
        assertEquals(40, hits, "once per round");
    }

    @Test
    void aCheckpointTakenWhileSteppingKnowsItsTrappingIsOffAndContinuesRight() throws Exception {
        try (ReplayBackend b = ReplayBackend.start(RecordedTrace.open(trace), null)) {
            b.trace(b.pid(), 30, new RecordReplayLockstepTest.Steps()).get(60, TimeUnit.SECONDS);
            int consumed = b.eventIndex();
            assertTrue(consumed > 0 && consumed < 40 * 3, "inside the loop: " + consumed);
            try (ReplayBackend c = b.checkpoint()) {
                assertEquals(NOT_TRAPPING, trappingNow(c), "fork inherits the parent's mode");
                StopEvent e = c.resume(Resume.proceed(c.pid())).get(120, TimeUnit.SECONDS);
                assertEquals(recorded.exit(), e, "the checkpoint continued to the recorded end");
                assertEquals(RecordedTrace.open(trace).events().size() - 1, c.eventIndex(), "every event but the exit consumed");
            }
        }
    }

    private int indexOfPc(long pc, int from) {
        for (int i = from; i < recorded.steps().count; i++) {
            if (recorded.steps().at(i)[16] == pc) return i;
        }
        throw new AssertionError("the recording never reaches 0x" + Long.toHexString(pc) + " again after step " + from);
    }
}
