import dev.hindsight.tracer.disasm.Disassembler;
import java.util.HexFormat;

/**
 * What decodeOne costs per call, uncached (a fresh address each time: the decoder through JNA) and
 * cached (the same address and bytes again, as a step loop decodes the same program counters).
 * Usage: java -cp … DecodeCost.java [ITERATIONS]. Prints both in microseconds and their ratio.
 */
public class DecodeCost {
    private static final byte[] CALL_AND_PADDING = HexFormat.of().parseHex("e8f5feffff4889e5c3909090909090");

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        try (Disassembler d = new Disassembler()) {
            for (int i = 0; i < 20_000; i++) d.decodeOne(CALL_AND_PADDING, 0x7000_0000L + i * 16L); // warm-up
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) d.decodeOne(CALL_AND_PADDING, 0x1000_0000L + i * 16L);
            double miss = (System.nanoTime() - start) / 1000.0 / iterations;
            start = System.nanoTime();
            for (int i = 0; i < iterations; i++) d.decodeOne(CALL_AND_PADDING, 0x401136);
            double hit = (System.nanoTime() - start) / 1000.0 / iterations;
            System.out.printf("decodeOne, %d calls each: %.2f us uncached (decoder via JNA), %.3f us cached: %.0fx%n",
                    iterations, miss, hit, miss / hit);
        }
    }
}
