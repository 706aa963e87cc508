package dev.hindsight.tracer.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.StopEvent.Reason;
import dev.hindsight.tracer.StopEvent.Stopped;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.testing.CrossFixtures;
import dev.hindsight.tracer.testing.CrossLines;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A program's own {@code BRK} on AArch64: the kernel leaves the pc on it, so resuming as x86 does
 * after its int3 would trap again forever. Each is reported as a SIGTRAP stop with the pc on it
 * (gdb's "Program received signal SIGTRAP"), and resuming skips it (pc + 4) as gdb does; an
 * instruction step from it is that skip. Hit by continuing and by an instruction step, passed by
 * continuing and by a step. Expected values: gdb-multiarch's line addresses ({@link CrossLines}),
 * the A64 encoding of {@code BRK #imm16} (0xd4200000 | imm16 << 5) and the fixture's exit code.
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "aarch64", disabledReason = "AArch64 only: misc/aarch64/run-tests.sh runs it")
class OwnBreakInstructionTest {
    private static final String FIXTURE = "aarch64/own_brk.c";
    private static final int TIMEOUT = 60;

    @Test
    void ownBrkStopsAsSigtrapAndIsSkippedOnResume() throws Exception {
        Path exe = Fixtures.compile(FIXTURE, CrossFixtures.C_FLAGS);
        long first = CrossLines.address(exe, "first-brk"), second = CrossLines.address(exe, "second-brk");
        assertEquals(first + 4, second, "the two BRKs are adjacent instructions");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            Stopped hit = sigtrap(t.execution().resume());
            assertEquals(first, hit.pc(), "stopped on the first BRK, pc left on it");
            assertEquals(0xd4200000 | 0x3e8 << 5, word(t, hit.pc()), "brk #0x3e8 at the stop's pc");
            assertEquals(first, t.registers().current().pc());

            Stopped skipped = stopped(t.execution().stepInstruction(), Reason.STEP);
            assertEquals(second, skipped.pc(), "an instruction step from the BRK moves past it");

            Stopped again = sigtrap(t.execution().stepInstruction());
            assertEquals(second, again.pc(), "stepping the second BRK traps on it, reported as a SIGTRAP");
            assertEquals(0xd4200000 | 0x3e9 << 5, word(t, again.pc()), "brk #0x3e9 at the stop's pc");

            StopEvent end = t.execution().resume().get(TIMEOUT, TimeUnit.SECONDS);
            assertEquals(new StopEvent.Exited(7, null), end, "continuing passes the BRK and runs to the exit: 5 + 2");
        }
    }

    private static Stopped sigtrap(CompletableFuture<StopEvent> f) throws Exception {
        Stopped s = stopped(f, Reason.SIGNAL);
        assertEquals("SIGTRAP", s.signal().name());
        return s;
    }

    private static int word(Target t, long address) {
        return ByteBuffer.wrap(t.memory().read(address, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static Stopped stopped(CompletableFuture<StopEvent> f, Reason reason) throws Exception {
        StopEvent e = f.get(TIMEOUT, TimeUnit.SECONDS);
        assertTrue(e instanceof Stopped s && s.reason() == reason, "expected a " + reason + " stop, got " + e);
        return (Stopped) e;
    }
}
