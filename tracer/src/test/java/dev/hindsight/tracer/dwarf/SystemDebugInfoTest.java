package dev.hindsight.tracer.dwarf;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.dwarf.cfi.CallFrameInfo;
import dev.hindsight.tracer.dwarf.cfi.FrameDescriptionEntry;
import dev.hindsight.tracer.dwarf.info.AddressIndex;
import dev.hindsight.tracer.dwarf.info.Attribute;
import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.info.DebugInfo;
import dev.hindsight.tracer.dwarf.line.FileEntry;
import dev.hindsight.tracer.dwarf.line.LineTable;
import dev.hindsight.tracer.elf.ElfFile;
import dev.hindsight.tracer.elf.ElfFormatException;
import dev.hindsight.tracer.source.ModuleSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reader walks the debug information of real system libraries without throwing: every file
 * of Debian's libc6-dbg under /usr/lib/debug (separate debug files, DWARF 5, compressed
 * sections) and the .eh_frame of libc, libm, the loader and libstdc++.
 */
class SystemDebugInfoTest {
    private static final Path DEBUG_ROOT = Path.of("/usr/lib/debug");
    private static final Path LIBS = Path.of("/usr/lib/x86_64-linux-gnu");

    @Test
    void everySeparateDebugFileParses() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(DEBUG_ROOT)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(files.isEmpty(), "libc6-dbg installs debug files under " + DEBUG_ROOT + " (misc/test-all.sh)");
        int withInfo = 0, units = 0, lineRows = 0;
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            ElfFile elf;
            try {
                elf = ElfFile.open(f);
            } catch (ElfFormatException notElf) {
                continue;
            }
            DwarfWalk w = new DwarfWalk(200_000).walk(ModuleSource.sections(elf));
            if (w.units > 0) withInfo++;
            units += w.units;
            lineRows += w.lineRows;
            w.problems.forEach(p -> problems.add(f + ": " + p));
        }
        assertTrue(withInfo > 10, "debug files with units: " + withInfo);
        assertTrue(units > 1000 && lineRows > 100_000, units + " units, " + lineRows + " line rows");
        assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())), "problems in " + problems.size() + " places");
    }

    /**
     * What a first stop reads of libc (a DAP session lists its source files): each unit's top DIE
     * alone and its line table's header alone. They agree with the unit's parsed DIE tree and the
     * whole line table, unit by unit, in two readers of the same file (so neither borrows the
     * other's parse).
     */
    @Test
    void topDiesAndLineTableHeadersAgreeWithTheFullParse() {
        ElfFile libc = ElfFile.open(LIBS.resolve("libc.so.6"));
        List<CompilationUnit> light = new DebugInfo(ModuleSource.sections(libc)).units();
        List<CompilationUnit> full = new DebugInfo(ModuleSource.sections(libc)).units();
        assertEquals(full.size(), light.size());
        int files = 0;
        for (int i = 0; i < full.size(); i++) {
            CompilationUnit a = light.get(i), b = full.get(i);
            String unit = b.toString();
            List<String> header = LineTable.files(a).map(SystemDebugInfoTest::paths).orElse(null);
            assertEquals(render(b.root().attributes()), render(a.top().attributes()), unit);
            assertEquals(List.of(b.strOffsetsBase(), b.addrBase(), b.rnglistsBase(), b.loclistsBase()),
                    List.of(a.strOffsetsBase(), a.addrBase(), a.rnglistsBase(), a.loclistsBase()), unit);
            List<String> table = LineTable.of(b).map(t -> paths(t.files())).orElse(null);
            assertEquals(table, header, unit);
            files += header == null ? 0 : header.size();
        }
        assertTrue(full.size() > 1000 && files > 10_000, full.size() + " units naming " + files + " files");
    }

    private static List<String> paths(List<FileEntry> files) {
        return files.stream().map(f -> f.path() + " dir " + f.directoryIndex()).toList();
    }

    private static List<String> render(List<Attribute> attributes) {
        return attributes.stream().map(a -> a.name() + "/" + a.form() + "=" + a.value() + " " + a.string() + " "
                + java.util.Arrays.toString(a.block())).toList();
    }

    /** Indexing libc by .debug_aranges (no DIE parsing up front) finds the same unit as its DIEs do. */
    @Test
    void arangesIndexAgreesWithTheDies() {
        ElfFile libc = ElfFile.open(LIBS.resolve("libc.so.6"));
        DwarfSections full = ModuleSource.sections(libc);
        assertTrue(full.has(DwarfSections.ARANGES), "libc6-dbg's debug file has .debug_aranges");
        Map<String, ByteBuffer> without = new HashMap<>();
        for (String name : List.of(DwarfSections.INFO, DwarfSections.ABBREV, DwarfSections.STR, DwarfSections.LINE_STR,
                DwarfSections.STR_OFFSETS, DwarfSections.ADDR, DwarfSections.RNGLISTS, DwarfSections.RANGES)) {
            full.section(name).ifPresent(b -> without.put(name, b));
        }
        AddressIndex byAranges = new AddressIndex(new DebugInfo(full));
        AddressIndex byDies = new AddressIndex(new DebugInfo(new DwarfSections(without, 0)));
        int found = 0;
        for (FrameDescriptionEntry fde : CallFrameInfo.ehFrame(full).fdes()) {
            for (long pc : new long[] {fde.pcBegin(), (fde.pcBegin() + fde.pcEnd()) / 2}) {
                Optional<CompilationUnit> a = byAranges.unitFor(pc), d = byDies.unitFor(pc);
                assertEquals(d.map(CompilationUnit::offset), a.map(CompilationUnit::offset), "unit at 0x" + Long.toHexString(pc));
                if (a.isPresent()) found++;
            }
        }
        assertTrue(found > 1000, "pcs with a unit: " + found);
    }

    @Test
    void libraryCallFrameInformationParses() {
        for (String name : List.of("libc.so.6", "libm.so.6", "ld-linux-x86-64.so.2", "libstdc++.so.6")) {
            Path lib = LIBS.resolve(name);
            if (name.startsWith("libstdc++") && !Files.exists(lib)) continue; // only with a C++ toolchain
            DwarfWalk w = new DwarfWalk(0).walk(ModuleSource.sections(ElfFile.open(lib)));
            assertTrue(w.fdes > 100, name + ": " + w.fdes + " FDEs");
            assertEquals(List.of(), w.problems, name);
        }
    }
}
