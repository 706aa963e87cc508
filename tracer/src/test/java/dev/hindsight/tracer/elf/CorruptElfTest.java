package dev.hindsight.tracer.elf;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Damaged files give ElfFormatException or a result, never another exception or a hang. */
class CorruptElfTest {
    @Test
    void truncatedAndBitFlippedFilesFailCleanly() throws Exception {
        byte[] good = Files.readAllBytes(Fixtures.compile("hello.c"));
        Random random = new Random(42);
        int variants = 0;
        for (int len = 0; len < good.length; len += Math.max(1, good.length / 400)) {
            check(java.util.Arrays.copyOf(good, len));
            variants++;
        }
        for (int i = 0; i < 1500; i++) {
            byte[] bad = good.clone();
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++) {
                // Most damage where the structure is: headers, section table, symbol tables.
                int at = random.nextBoolean() ? random.nextInt(Math.min(bad.length, 4096)) : random.nextInt(bad.length);
                bad[at] ^= (byte) (1 << random.nextInt(8));
            }
            check(bad);
            variants++;
        }
        assertTrue(variants > 1500);
    }

    private static void check(byte[] bytes) {
        long start = System.nanoTime();
        try {
            ElfFile elf = ElfFile.of(Path.of("damaged"), bytes);
            elf.symbols().lookup(0x1140);
            elf.addressOf("main");
            for (ElfSection s : elf.sections()) {
                try {
                    elf.sectionData(s.name());
                } catch (ElfFormatException expected) {
                    // one damaged section does not spoil the others
                }
            }
            elf.interpreter();
        } catch (ElfFormatException expected) {
            // the documented failure
        }
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "took too long");
    }
}
