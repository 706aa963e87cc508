package dev.hindsight.tracer.disasm;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Decoding must not leak native memory: Capstone allocates every instruction it returns, and the
 * published Java binding never freed them (~250 bytes each). Half a million decodes would leak
 * over 100 MiB that way. Measured in a child JVM whose heap is fixed and pre-touched, so resident
 * memory growth is native memory only.
 */
class NativeMemoryTest {
    private static final int ROUNDS = 250, INSNS_PER_ROUND = 2048;

    @Test
    void decodingFreesCapstonesAllocations() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch",
                "-cp", System.getProperty("java.class.path"), Child.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        String[] f = out.split("\\s+");
        assertEquals(ROUNDS * INSNS_PER_ROUND, Integer.parseInt(f[0]), out);
        long grownMb = Long.parseLong(f[1]) / 1024;
        assertTrue(grownMb < 24, "native memory grew " + grownMb + " MiB over " + f[0] + " decodes");
    }

    /** Decodes ROUNDS x 2048 instructions; prints the count and the resident growth in KiB. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            byte[] code = new byte[4096];
            for (int i = 0; i < code.length; i += 4) { // add $0x1,%eax ; nop
                code[i] = (byte) 0x83; code[i + 1] = (byte) 0xc0; code[i + 2] = 0x01; code[i + 3] = (byte) 0x90;
            }
            try (Disassembler d = new Disassembler()) {
                for (int i = 0; i < 20; i++) d.disassemble(code, 0x1000, 4096);
                long before = rssKb();
                int decoded = 0;
                for (int i = 0; i < ROUNDS; i++) decoded += d.disassemble(code, 0x1000 + i * 4096L, 4096).size();
                System.out.println(decoded + " " + (rssKb() - before));
            }
        }
    }

    private static long rssKb() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow();
    }
}
