package dev.hindsight.tracer.record;

import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.line.FileEntry;
import dev.hindsight.tracer.elf.ElfFile;
import dev.hindsight.tracer.source.ModuleSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;

/**
 * Copies the source files the executable's DWARF line tables name, when readable, under
 * {@code sources/} at their absolute path (so {@code /home/a/x.c} is {@code sources/home/a/x.c}).
 * Best effort: a trace without its sources still replays.
 */
final class SourceCopies {
    private SourceCopies() {}

    static int copy(Path executable, Path traceDir) {
        TreeSet<String> names = new TreeSet<>();
        try {
            ModuleSource src = ModuleSource.of(ElfFile.open(executable));
            src.debugInfo().ifPresent(info -> {
                for (CompilationUnit u : info.units()) {
                    src.lineTable(u).ifPresent(t -> {
                        for (FileEntry f : t.files()) if (f != null && f.path() != null) names.add(f.path());
                    });
                }
            });
        } catch (RuntimeException e) {
            return 0;
        }
        int copied = 0;
        for (String name : names) {
            Path from = Path.of(name);
            if (!from.isAbsolute() || !Files.isRegularFile(from) || !Files.isReadable(from)) continue;
            try {
                Path to = traceDir.resolve(TraceDirectory.SOURCES).resolve(from.toString().substring(1)).normalize();
                if (!to.startsWith(traceDir.resolve(TraceDirectory.SOURCES))) continue;
                Files.createDirectories(to.getParent());
                Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                copied++;
            } catch (java.io.IOException e) {
                // unreadable after all: skipped
            }
        }
        return copied;
    }
}
