package dev.hindsight.dap.session;

import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.line.LineTable;
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
        Set<String> files = new TreeSet<>();
        ModuleSource src = ModuleSource.of(m.elf());
        src.debugInfo().ifPresent(info -> {
            for (CompilationUnit u : info.units()) {
                src.lineTable(u).ifPresent(t -> {
                    for (int i = 0; i <= t.files().size(); i++) {
                        String p = pathOrNull(t, i);
                        if (p != null && Files.isRegularFile(Path.of(p))) files.add(p);
                    }
                });
            }
        });
        return files;
    }

    private static String pathOrNull(LineTable t, int i) {
        try {
            return t.path(i);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
