package dev.hindsight.tracer.aarch64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.StopEvent.Reason;
import dev.hindsight.tracer.StopEvent.Stopped;
import dev.hindsight.tracer.backend.Resume;
import dev.hindsight.tracer.ptrace.PtraceBackend;
import dev.hindsight.tracer.regs.FpsimdRegisters;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The engine's backend reads and writes AArch64's v registers through {@code NT_FPREGSET}: at a
 * breakpoint after {@code fmov d1, #1.5} and {@code fmov s3, #-2.0} (the fixture's constants,
 * {@code programs/aarch64/fpsimd.S}) it sees them, and 42.0 written into d2 comes back as the
 * exit code the program computes from d2 with {@code fcvtzs}.
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "aarch64", disabledReason = "AArch64 only: misc/aarch64/run-tests.sh runs it")
class FpsimdRegistersTest {
    @Test
    void readsTheProgramsValuesAndWritesOneItUses() throws Exception {
        Path exe = Fixtures.compile("aarch64/fpsimd.S");
        PtraceBackend b = PtraceBackend.launch(LaunchSpec.of(exe), tid -> {}, tid -> {});
        try {
            int tid = b.pid();
            long atRead = Nm.address(exe, "at_read");
            b.insertBreakpoint(atRead);
            StopEvent stop = b.resume(Resume.proceed(tid)).get(60, TimeUnit.SECONDS);
            assertTrue(stop instanceof Stopped s && s.reason() == Reason.BREAKPOINT && s.pc() == atRead, "at at_read: " + stop);

            FpsimdRegisters v = b.fpsimdRegisters(tid);
            assertEquals(1.5, v.d(1), "d1");
            assertEquals(-2.0f, v.s(3), "s3");
            assertArrayEquals(new byte[16], v.v(2), "v2 untouched since exec");
            byte[] d2 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(42.0).array();
            b.setFpsimdRegisters(tid, v.withV(2, d2));
            assertEquals(42.0, b.fpsimdRegisters(tid).d(2), "read back");

            b.removeBreakpoint(atRead);
            assertEquals(new StopEvent.Exited(42, null), b.resume(Resume.proceed(tid)).get(60, TimeUnit.SECONDS),
                    "the program converted the written d2");
        } finally {
            b.close();
        }
    }
}
