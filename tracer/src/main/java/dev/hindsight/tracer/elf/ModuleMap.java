package dev.hindsight.tracer.elf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The ELF objects of a process and where they are loaded, from its memory map: answers
 * "what is at this address" ({@code printf+4}) and "where is this symbol".
 */
public final class ModuleMap {
    private final List<LoadedModule> modules;

    private ModuleMap(List<LoadedModule> modules) {
        this.modules = List.copyOf(modules);
    }

    public static ModuleMap empty() {
        return new ModuleMap(List.of());
    }

    /** One executable loaded at {@code bias}, for looking at a program before it runs. */
    public static ModuleMap forExecutable(ElfFile elf, long bias) {
        long lo = Long.MAX_VALUE, hi = 0;
        for (ElfSegment s : elf.segments()) {
            if (s.type() != ElfSegment.PT_LOAD) continue;
            lo = Math.min(lo, s.vaddr() + bias);
            hi = Math.max(hi, s.vaddr() + s.memSize() + bias);
        }
        return new ModuleMap(List.of(new LoadedModule(elf.path().toString(), elf, bias, lo == Long.MAX_VALUE ? 0 : lo, hi, true)));
    }

    /** What /proc/PID/maps appends to the path of a file deleted (or replaced by another) since it was mapped. */
    public static final String DELETED = " (deleted)";

    /**
     * Builds the map from /proc/PID/maps text. {@code executable} is the main program's path;
     * {@code memory} reads process memory (address, length), used for the kernel's vDSO image.
     * A deleted file is left out: see the other overload.
     */
    public static ModuleMap fromMaps(String mapsText, Path executable, BiFunction<Long, Integer, byte[]> memory) {
        return fromMaps(mapsText, executable, memory, m -> Optional.empty());
    }

    /**
     * As above; a file deleted or replaced on disk since it was mapped (a program or library
     * rebuilt while it is being debugged) is read through {@code mappedFile}, which opens the
     * mapped inode itself (the running image), never from the path, which may hold another build.
     * The module keeps its path, without the " (deleted)" the kernel adds, as gdb names it.
     */
    public static ModuleMap fromMaps(String mapsText, Path executable, BiFunction<Long, Integer, byte[]> memory,
                                     Function<ProcMaps.Mapping, Optional<Path>> mappedFile) {
        // By path and inode: two deleted builds mapped at once share a path but not an inode.
        Map<String, List<ProcMaps.Mapping>> byFile = new LinkedHashMap<>();
        for (ProcMaps.Mapping m : ProcMaps.parse(mapsText)) {
            if (m.isFile() || m.path().equals("[vdso]")) byFile.computeIfAbsent(m.path() + "|" + m.inode(), k -> new ArrayList<>()).add(m);
        }
        List<LoadedModule> out = new ArrayList<>();
        String exe = executable == null ? null : executable.toString();
        for (List<ProcMaps.Mapping> maps : byFile.values()) {
            ProcMaps.Mapping first = maps.get(0);
            boolean deleted = first.isFile() && first.path().endsWith(DELETED);
            String path = deleted ? first.path().substring(0, first.path().length() - DELETED.length()) : first.path();
            Optional<ElfFile> elf = path.equals("[vdso]") ? vdso(first, memory)
                    : deleted ? mappedFile.apply(first).flatMap(f -> ElfCache.get(Path.of(path), f))
                    : ElfCache.get(Path.of(path));
            if (elf.isEmpty()) continue;
            OptionalLong vaddr = elf.get().vaddrOfFileOffset(first.offset());
            if (vaddr.isEmpty()) continue;
            long bias = first.start() - vaddr.getAsLong();
            long end = maps.stream().mapToLong(ProcMaps.Mapping::end).max().orElse(first.end());
            out.add(new LoadedModule(path, elf.get(), bias, first.start(), end, path.equals(exe)));
        }
        return new ModuleMap(out);
    }

    private static Optional<ElfFile> vdso(ProcMaps.Mapping m, BiFunction<Long, Integer, byte[]> memory) {
        if (memory == null) return Optional.empty();
        try {
            byte[] image = memory.apply(m.start(), (int) (m.end() - m.start()));
            return image.length == 0 ? Optional.empty() : Optional.of(ElfFile.of(Path.of("[vdso]"), image));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public List<LoadedModule> modules() {
        return modules;
    }

    public Optional<LoadedModule> moduleAt(long address) {
        for (LoadedModule m : modules) if (m.contains(address)) return Optional.of(m);
        return Optional.empty();
    }

    /** The symbol at a runtime address, e.g. {@code main+4} or {@code printf} (gdb omits +0). */
    public Optional<SymbolicAddress> symbolize(long address) {
        return moduleAt(address).flatMap(m -> m.elf().symbols().lookup(address - m.bias()));
    }

    /** The runtime address of a symbol, searching the main executable first, then libraries. */
    public OptionalLong resolve(String symbol) {
        List<LoadedModule> ordered = new ArrayList<>(modules);
        ordered.sort((a, b) -> Boolean.compare(b.mainExecutable(), a.mainExecutable()));
        for (LoadedModule m : ordered) {
            OptionalLong a = m.elf().addressOf(symbol);
            if (a.isPresent()) return OptionalLong.of(a.getAsLong() + m.bias());
        }
        return OptionalLong.empty();
    }
}
