package dev.hindsight.dap.session;

import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.line.FileEntry;
import dev.hindsight.tracer.elf.ElfFile;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.source.ModuleSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;

/** The source files a module's line tables name that exist on this machine (loadedSources, loadedSource events). */
public final class ModuleFiles {
    /** The files named by each ELF file's line tables: read once per file, by whoever asks first. */
    private static final Map<ElfFile, Set<String>> NAMED = new WeakHashMap<>();

    private ModuleFiles() {}

    public static Set<String> existing(LoadedModule m) {
        Set<String> files = new TreeSet<>();
        for (String p : named(m.elf())) if (isFile(p)) files.add(p);
        return files;
    }

    /**
     * Reads, on a background thread, the file names of the C library this JVM maps, which a C
     * program maps too (the same file, shared through {@link ElfFile#cached}): called while a
     * program is compiled, so that its first stop finds them read. With libc6-dbg installed they
     * are the first stop's largest piece of work.
     */
    public static void prefetchSystemLibrary() {
        Thread t = new Thread(() -> {
            try (java.util.stream.Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
                maps.map(l -> l.substring(l.indexOf('/') < 0 ? l.length() : l.indexOf('/')))
                        .filter(p -> p.endsWith("/libc.so.6")).findFirst()
                        .flatMap(p -> ElfFile.cached(Path.of(p))).ifPresent(ModuleFiles::named);
            } catch (java.io.IOException | RuntimeException e) {
                // only a head start: the first stop reads them itself
            }
        }, "dap-prefetch");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static Set<String> named(ElfFile elf) {
        synchronized (NAMED) {
            Set<String> known = NAMED.get(elf);
            if (known != null) return known;
        }
        synchronized (elf) { // one reader per file; a second asker waits for its result
            synchronized (NAMED) {
                Set<String> known = NAMED.get(elf);
                if (known != null) return known;
            }
            // Named once: units share headers (libc's 2,000 units name 28,000 files, far fewer distinct).
            Set<String> named = new HashSet<>();
            ModuleSource src = ModuleSource.of(elf);
            src.debugInfo().ifPresent(info -> {
                for (CompilationUnit u : info.units()) {
                    for (FileEntry f : src.lineFiles(u)) if (f.path() != null) named.add(f.path());
                }
            });
            Set<String> result = Set.copyOf(named);
            synchronized (NAMED) {
                NAMED.put(elf, result);
            }
            return result;
        }
    }

    private static boolean isFile(String path) {
        try {
            return Files.isRegularFile(Path.of(path));
        } catch (RuntimeException e) { // a name no path can hold (a NUL byte)
            return false;
        }
    }
}
