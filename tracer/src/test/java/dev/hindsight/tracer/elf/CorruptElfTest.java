package dev.hindsight.tracer.elf;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Damaged files give ElfFormatException or a result, never another exception or a hang (the
 * timeout, far above the few seconds this takes, runs the test in its own thread so a hang fails).
 * A truncated file that lost part of its section header table is always refused, never half read.
 */
class CorruptElfTest {
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void truncatedAndBitFlippedFilesFailCleanly() throws Exception {
        byte[] good = Files.readAllBytes(Fixtures.compile("hello.c"));
        assertTrue(parses(good), "the undamaged file parses");
        // Where the section header table ends, from the ELF64 header (e_shoff at 40, e_shentsize at 58, e_shnum at 60).
        ByteBuffer header = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
        long sectionTableEnd = header.getLong(40) + (long) (header.getShort(58) & 0xffff) * (header.getShort(60) & 0xffff);
        int truncations = 0;
        for (int len = 0; len < good.length; len += Math.max(1, good.length / 400)) {
            boolean parsed = parses(Arrays.copyOf(good, len));
            if (len < sectionTableEnd) {
                assertFalse(parsed, "truncated to " + len + " of " + good.length + " bytes, cutting the section header table, yet parsed");
                truncations++;
            }
        }
        assertTrue(truncations >= 400, "truncations cutting the section header table: " + truncations);
        Random random = new Random(42);
        int parsed = 0, refused = 0;
        for (int i = 0; i < 1500; i++) {
            byte[] bad = good.clone();
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++) {
                // Most damage where the structure is: headers, section table, symbol tables.
                int at = random.nextBoolean() ? random.nextInt(Math.min(bad.length, 4096)) : random.nextInt(bad.length);
                bad[at] ^= (byte) (1 << random.nextInt(8));
            }
            if (parses(bad)) parsed++;
            else refused++;
        }
        // The damage reaches both outcomes: some files are refused, and damage the reader tolerates
        // (a flipped byte in code, a symbol's name) still gives a file it reads.
        assertTrue(parsed > 0 && refused > 0, "of 1500 bit-flipped files " + parsed + " parsed, " + refused + " refused");
    }

    /** True when the damaged file reads through; false when it fails with ElfFormatException; anything else propagates. */
    private static boolean parses(byte[] bytes) {
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
            return true;
        } catch (ElfFormatException expected) {
            return false; // the documented failure
        }
    }
}
