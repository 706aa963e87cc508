package dev.hindsight.dap.session;

import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.line.FileEntry;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.source.ModuleSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/** The source files a module's line tables name that exist on this machine (loadedSources, loadedSource events). */
public final class ModuleFiles {
    private ModuleFiles() {}

    public static Set<String> existing(LoadedModule m) {
        // Named: units share headers (libc's 2,000 units name 28,000 files, far fewer distinct).
        Set<String> named = new java.util.HashSet<>();
        ModuleSource src = ModuleSource.of(m.elf());
        src.debugInfo().ifPresent(info -> {
            for (CompilationUnit u : info.units()) {
                for (FileEntry f : src.lineFiles(u)) if (f.path() != null) named.add(f.path());
            }
        });
        Set<String> files = new TreeSet<>();
        for (String p : named) if (isFile(p)) files.add(p);
        return files;
    }

    private static boolean isFile(String path) {
        try {
            return Files.isRegularFile(Path.of(path));
        } catch (RuntimeException e) { // a name no path can hold (a NUL byte)
            return false;
        }
    }
}
