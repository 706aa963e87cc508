package dev.hindsight.tracer.source;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.dwarf.Mutations;
import dev.hindsight.tracer.elf.ElfFile;
import dev.hindsight.tracer.elf.ElfFormatException;
import dev.hindsight.tracer.elf.ElfSection;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Damaged executables (whole-file mutations aimed at the debug sections and headers) behind the
 * source view a session uses: opening may fail with ElfFormatException, but once a file is open
 * every source query answers (possibly empty) and never throws or hangs.
 */
class CorruptModuleSourceTest {
    private static final Duration HANG = Duration.ofSeconds(20);

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"source_c.c, -gdwarf-5, 21", "source_cpp.cpp, -gdwarf-4, 22", "source_c.c, -gz -O1, 23"})
    void queriesOnDamagedFilesAnswer(String fixture, String flags, long seed) throws Exception {
        Path exe = Fixtures.compile(fixture, flags.split(" "));
        byte[] good = Files.readAllBytes(exe);
        ElfFile pristine = ElfFile.open(exe);
        long main = pristine.addressOf("main").orElseThrow();
        String source = Fixtures.source(fixture).toString();
        // Where the damage goes: the section header table or one of the debug sections.
        long[][] targets = pristine.sections().stream().filter(s -> s.name().startsWith(".debug") || s.name().startsWith(".eh_frame"))
                .map(s -> new long[] {s.offset(), s.size()}).toArray(long[][]::new);
        Random random = new Random(seed);
        int opened = 0;
        for (int i = 0; i < 300; i++) {
            byte[] bad = good.clone();
            long[] t = targets[random.nextInt(targets.length)];
            byte[] part = java.util.Arrays.copyOfRange(good, (int) t[0], (int) (t[0] + t[1]));
            byte[] damaged = Mutations.damage(part, random);
            System.arraycopy(damaged, 0, bad, (int) t[0], Math.min(damaged.length, part.length));
            if (random.nextInt(10) == 0) bad = java.util.Arrays.copyOf(bad, random.nextInt(bad.length));
            ElfFile elf;
            try {
                elf = ElfFile.of(Path.of("damaged-" + i), bad);
            } catch (ElfFormatException e) {
                continue;
            }
            opened++;
            byte[] copy = bad;
            assertTimeoutPreemptively(HANG, () -> query(elf, main, source), "variant " + i + " (" + copy.length + " bytes)");
        }
        assertTrue(opened > 200, "most variants still open: " + opened);
    }

    private static void query(ElfFile elf, long main, String source) {
        ModuleSource src = ModuleSource.of(elf);
        src.problems();
        for (long pc = main - 64; pc < main + 256; pc += 7) {
            src.positionAt(pc);
            src.scopeAt(pc);
            src.unwinder().rowAt(pc);
        }
        src.function("main").ifPresent(src::afterPrologue);
        SourceView view = new SourceView(ModuleMap.forExecutable(elf, 0));
        for (int line = 1; line < 60; line += 3) view.resolve(source, line);
        for (long pc = main; pc < main + 128; pc += 5) {
            view.at(pc);
            view.lineAt(pc);
            view.functionRanges(pc);
        }
        view.functionBreakpoint("main");
        for (ElfSection s : elf.sections()) s.name();
    }
}
