package dev.hindsight.tracer.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.testing.Commands;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ELF file of another architecture is refused with a message that says what it is and what
 * this machine runs (here: an AArch64 object built by clang on an x86-64 host; its e_machine, 183,
 * as readelf reports it).
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64", disabledReason = "builds an AArch64 file to be foreign")
class ForeignMachineTest {
    @TempDir
    Path dir;

    @Test
    void anAarch64FileIsRefusedByName() {
        Path obj = dir.resolve("engine.o");
        Commands.output(List.of("clang", "--target=aarch64-linux-gnu", "-c", "-o", obj.toString(),
                Fixtures.source("aarch64/engine.c").toString()));
        String header = Commands.output(List.of("readelf", "-h", obj.toString()));
        assertTrue(header.contains("AArch64"), "readelf says the object is AArch64:\n" + header);
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfFile.open(obj));
        assertEquals(obj + ": not an x86-64 ELF file (an aarch64 program, machine 183): this machine runs x86-64 programs only",
                e.getMessage());
    }
}
