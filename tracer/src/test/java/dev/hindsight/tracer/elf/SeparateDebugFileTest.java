package dev.hindsight.tracer.elf;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.source.ModuleSource;
import dev.hindsight.tracer.testing.Commands;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stripped objects get their symbols and debug information from separate debug files, as in gdb. */
class SeparateDebugFileTest {
    @Test
    void libcFindsLibc6DbgByBuildId() {
        ElfFile libc = ElfFile.open(ElfFileTest.LIBC);
        String id = libc.buildId().orElseThrow();
        Matcher m = Pattern.compile("Build ID: ([0-9a-f]+)").matcher(Commands.output(List.of("readelf", "-n", ElfFileTest.LIBC.toString())));
        assertTrue(m.find());
        assertEquals(m.group(1), id, "build id as readelf reads it");
        ElfFile debug = libc.separateDebugFile().orElseThrow(() -> new AssertionError("libc6-dbg is installed by misc/test-all.sh"));
        assertEquals(Path.of("/usr/lib/debug/.build-id", id.substring(0, 2), id.substring(2) + ".debug"), debug.path());
        // Local symbols exist only in the debug file's .symtab: nm on it is the oracle.
        Matcher local = Pattern.compile("(?m)^([0-9a-f]+) t (__strlen_avx2)$").matcher(Commands.output(List.of("nm", debug.path().toString())));
        assertTrue(local.find());
        long address = Long.parseUnsignedLong(local.group(1), 16);
        assertEquals("__strlen_avx2", libc.symbols().lookup(address).orElseThrow().symbol());
        assertEquals("__strlen_avx2+3", libc.symbols().lookup(address + 3).orElseThrow().toString());
        ModuleSource src = ModuleSource.of(libc);
        assertTrue(src.hasDebugInfo());
        long raise = libc.addressOf("raise").orElseThrow();
        assertTrue(src.positionAt(raise).orElseThrow().path().endsWith("raise.c"));
        assertTrue(src.unwinder().rowAt(raise).isPresent(), "CFI still comes from libc's own .eh_frame");
    }

    @Test
    void debugLinkIsFollowedWhenItsCrcMatches(@TempDir Path dir) throws Exception {
        Path exe = dir.resolve("prog");
        Files.copy(Fixtures.compile("hello.c", "-Wl,--build-id=none"), exe);
        run(dir, "objcopy", "--only-keep-debug", "prog", "prog.debug");
        run(dir, "objcopy", "--strip-debug", "--add-gnu-debuglink=prog.debug", "prog");
        long main = ElfFile.open(exe).addressOf("main").orElseThrow();
        Path debugDir = Files.createDirectories(dir.resolve(".debug"));
        Files.move(dir.resolve("prog.debug"), debugDir.resolve("prog.debug"));

        ElfFile stripped = ElfFile.open(exe);
        assertTrue(stripped.section(".debug_info").isEmpty());
        assertEquals(debugDir.resolve("prog.debug"), stripped.separateDebugFile().orElseThrow().path());
        assertTrue(ModuleSource.of(stripped).positionAt(main).orElseThrow().path().endsWith("hello.c"));

        // A debug file from another build (its CRC differs) is not used.
        Files.write(debugDir.resolve("prog.debug"), new byte[] {0}, StandardOpenOption.APPEND);
        Files.setLastModifiedTime(exe, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        ElfFile again = ElfFile.open(exe);
        assertTrue(again.separateDebugFile().isEmpty());
        assertFalse(ModuleSource.of(again).hasDebugInfo());
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }
}
