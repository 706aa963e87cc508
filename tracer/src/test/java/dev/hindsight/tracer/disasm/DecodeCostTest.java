package dev.hindsight.tracer.disasm;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stepping decodes the instruction at pc on every step over, so decodeOne must stay cheap. Prints
 * the measured per-call cost; asserts only a bound loose enough for a loaded shared machine.
 */
class DecodeCostTest {
    private static final byte[] CALL_AND_PADDING = HexFormat.of().parseHex("e8f5feffff4889e5c3909090909090");

    @Test
    void decodeOneIsCheap() {
        try (Disassembler d = new Disassembler()) {
            int iterations = 20_000;
            for (int i = 0; i < 2_000; i++) d.decodeOne(CALL_AND_PADDING, 0x7000_0000L + i); // warm-up
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) d.decodeOne(CALL_AND_PADDING, 0x1000_0000L + i * 16L);
            double missMicros = (System.nanoTime() - start) / 1000.0 / iterations;
            start = System.nanoTime();
            for (int i = 0; i < iterations; i++) d.decodeOne(CALL_AND_PADDING, 0x401136);
            double hitMicros = (System.nanoTime() - start) / 1000.0 / iterations;
            System.out.printf("decodeOne: %.2f us uncached (Capstone via JNA), %.3f us cached%n", missMicros, hitMicros);
            assertTrue(missMicros < 500, "uncached decodeOne took " + missMicros + " us");
            assertTrue(hitMicros < 100, "cached decodeOne took " + hitMicros + " us");
        }
    }
}
