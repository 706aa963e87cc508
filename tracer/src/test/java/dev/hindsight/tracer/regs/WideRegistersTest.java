package dev.hindsight.tracer.regs;

import static dev.hindsight.tracer.testing.Await.stopped;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.testing.CoreDumps;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.WideRegisterSupport;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The x87 stack, AVX upper halves and AVX-512 state as the tracer reads and writes them, against
 * the values {@code wide_registers.c} loads (literals of its source, not the tracer's reading).
 */
class WideRegistersTest {
    private static final String FIXTURE = "wide_registers.c";

    private static Target stoppedAtLoaded() {
        Optional<String> missing = WideRegisterSupport.missingAvx512();
        assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElseThrow());
        Target t = Target.launch(LaunchSpec.of(Fixtures.compile(FIXTURE)));
        t.breakpoints().addLine(Fixtures.source(FIXTURE).toString(), Fixtures.line(FIXTURE, "loaded"));
        stopped(t.execution().resume());
        return t;
    }

    @Test
    void readsTheValuesTheProgramLoaded() {
        byte[] pattern = WideRegisterSupport.pattern();
        try (Target t = stoppedAtLoaded()) {
            FpRegisters fp = t.registers().fp(t.currentThread());
            assertEquals(1.5, fp.stAsDouble(0));
            assertEquals(-2.25, fp.stAsDouble(1));
            assertEquals(3.0e10, fp.stAsDouble(2));
            // 1.5 in 80 bits: exponent 0x3fff, mantissa 0xc000000000000000 (explicit integer bit)
            assertArrayEquals(HexFormat.of().parseHex("00000000000000c0ff3f"), fp.st(0));
            // three pushes after fninit: TOP 5, physical registers 5-7 valid (00), 0-4 empty (11)
            assertEquals(5, (fp.fsw() >> 11) & 7);
            assertEquals(0x03ff, fp.fullTagWord());
            assertArrayEquals(Arrays.copyOf(pattern, 32), fp.vector(0, 32).orElseThrow(), "ymm0");
            assertArrayEquals(new byte[32], Arrays.copyOfRange(fp.vector(0, 64).orElseThrow(), 32, 64), "a VEX load clears zmm0's upper half");
            assertArrayEquals(Arrays.copyOfRange(pattern, 32, 64), fp.vector(15, 32).orElseThrow(), "ymm15");
            assertArrayEquals(pattern, fp.vector(1, 64).orElseThrow(), "zmm1");
            assertArrayEquals(pattern, fp.vector(16, 64).orElseThrow(), "zmm16");
            assertArrayEquals(Arrays.copyOf(pattern, 16), fp.vector(16, 16).orElseThrow(), "xmm16");
            byte[] ones = new byte[64];
            Arrays.fill(ones, (byte) -1);
            assertArrayEquals(ones, fp.vector(31, 64).orElseThrow(), "zmm31");
            assertEquals(5L, fp.k(1).orElseThrow());
            assertEquals(0xfedcba9876543210L, fp.k(2).orElseThrow());
            assertEquals(0x8000L, fp.k(3).orElseThrow());
        }
    }

    @Test
    void theKernelsCoreDumpHoldsTheSameState() {
        Optional<String> missing = WideRegisterSupport.missingAvx512();
        assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElseThrow());
        assumeTrue(CoreDumps.kernelWritesCoreFiles(), "skipped: core_pattern pipes cores elsewhere, no kernel core to read");
        java.nio.file.Path exe = Fixtures.compile(FIXTURE);
        byte[] pattern = WideRegisterSupport.pattern();
        try (Target t = Target.core(CoreDumps.kernelCore(exe, "die"), exe)) {
            FpRegisters fp = t.registers().fp(t.currentThread());
            assertEquals(-2.25, fp.stAsDouble(1));
            assertEquals(0x03ff, fp.fullTagWord());
            assertArrayEquals(Arrays.copyOfRange(pattern, 32, 64), fp.vector(15, 32).orElseThrow(), "ymm15");
            assertArrayEquals(pattern, fp.vector(16, 64).orElseThrow(), "zmm16");
            assertArrayEquals(pattern, fp.vector(1, 64).orElseThrow(), "zmm1");
            assertEquals(0xfedcba9876543210L, fp.k(2).orElseThrow());
        }
    }

    @Test
    void writesMasksAndWideVectorsBack() {
        try (Target t = stoppedAtLoaded()) {
            int tid = t.currentThread();
            byte[] value = new byte[64];
            for (int i = 0; i < 64; i++) value[i] = (byte) (0x80 + i);
            FpRegisters before = t.registers().fp(tid);
            t.registers().setFp(tid, before.withK(4, 0x1234_5678_9abc_def0L).withVector(17, value).withVector(2, value));
            FpRegisters after = t.registers().fp(tid);
            assertEquals(0x1234_5678_9abc_def0L, after.k(4).orElseThrow());
            assertArrayEquals(value, after.vector(17, 64).orElseThrow(), "zmm17");
            assertArrayEquals(value, after.vector(2, 64).orElseThrow(), "zmm2: xmm, ymm and zmm parts");
            assertEquals(before.k(2), after.k(2), "the other masks stay");
            assertArrayEquals(before.vector(16, 64).orElseThrow(), after.vector(16, 64).orElseThrow(), "zmm16 stays");
            assertEquals(before.stAsDouble(0), after.stAsDouble(0));
        }
    }
}
