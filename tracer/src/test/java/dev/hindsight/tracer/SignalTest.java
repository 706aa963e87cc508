package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.GdbSignal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Faults stop the program at the faulting instruction, named, exactly where gdb stops. */
class SignalTest {
    private final Path exe = Fixtures.compile("faults.c");

    @ParameterizedTest(name = "{0} stops with {1}")
    @CsvSource({"segv, SIGSEGV", "fpe, SIGFPE", "abort, SIGABRT", "ill, SIGILL", "trap, SIGTRAP"})
    void faultStopsWhereGdbStops(String mode, String signal) {
        GdbSignal.Report gdb = GdbSignal.run(exe, mode);
        assertEquals(signal, gdb.signal());
        try (Target t = Target.launch(LaunchSpec.of(exe, mode))) {
            StopEvent.Stopped s = stopped(t.execution().resume());
            assertEquals(StopEvent.Reason.SIGNAL, s.reason());
            assertEquals(signal, s.signal().name());
            assertEquals(gdb.pc(), s.pc(), "pc at the stop");
            assertEquals(gdb.pc(), t.registers().current().rip());
            if (mode.equals("segv")) assertEquals(0x10, s.faultAddress().getAsLong(), "fault address");
            if (mode.equals("fpe")) assertEquals(s.pc(), s.faultAddress().getAsLong(), "SIGFPE reports the instruction");
        }
    }

    @Test
    void resumingAFatalFaultDeliversItOnceAndTheProgramDies() {
        try (Target t = Target.launch(LaunchSpec.of(exe, "segv"))) {
            stopped(t.execution().resume());
            StopEvent.Exited e = exited(t.execution().resume());
            assertTrue(e.killedBySignal());
            assertEquals("SIGSEGV", e.signal().name());
        }
    }

    @Test
    void programsOwnBreakpointTrapIsReportedAndThenContinues() {
        try (Target t = Target.launch(LaunchSpec.of(exe, "trap"))) {
            assertEquals("SIGTRAP", stopped(t.execution().resume()).signal().name());
            assertEquals(new StopEvent.Exited(5, null), exited(t.execution().resume()), "SIGTRAP is not passed, as in gdb");
        }
    }

    @Test
    void steppingOntoTheProgramsInt3ReportsSigtrap() {
        try (Target t = Target.launch(LaunchSpec.of(exe, "trap"))) {
            long trapPc = GdbSignal.run(exe, "trap").pc();
            t.execution().runTo(trapPc - 1).join();
            StopEvent.Stopped s = stopped(t.execution().stepInstruction());
            assertEquals(StopEvent.Reason.SIGNAL, s.reason());
            assertEquals("SIGTRAP", s.signal().name());
            assertEquals(trapPc, s.pc());
        }
    }

    @Test
    void programKilledByAnUnreportedSignal() {
        try (Target t = Target.launch(LaunchSpec.of(exe, "term"))) {
            StopEvent.Exited e = exited(t.execution().resume());
            assertEquals("SIGTERM", e.signal().name());
            assertEquals(128 + 15, e.exitCode());
        }
    }

    @Test
    void otherSignalsPassThroughToTheProgram() {
        try (Target t = Target.launch(LaunchSpec.of(exe, "usr1"))) {
            assertEquals(new StopEvent.Exited(9, null), exited(t.execution().resume()));
        }
    }
}
