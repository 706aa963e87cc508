package dev.hindsight.tracer.elf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;

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

    /**
     * Builds the map from /proc/PID/maps text. {@code executable} is the main program's path;
     * {@code memory} reads process memory (address, length), used for the kernel's vDSO image.
     */
    public static ModuleMap fromMaps(String mapsText, Path executable, BiFunction<Long, Integer, byte[]> memory) {
        Map<String, List<ProcMaps.Mapping>> byPath = new LinkedHashMap<>();
        for (ProcMaps.Mapping m : ProcMaps.parse(mapsText)) {
            if (m.isFile() || m.path().equals("[vdso]")) byPath.computeIfAbsent(m.path(), k -> new ArrayList<>()).add(m);
        }
        List<LoadedModule> out = new ArrayList<>();
        String exe = executable == null ? null : executable.toString();
        for (Map.Entry<String, List<ProcMaps.Mapping>> e : byPath.entrySet()) {
            List<ProcMaps.Mapping> maps = e.getValue();
            ProcMaps.Mapping first = maps.get(0);
            Optional<ElfFile> elf = e.getKey().equals("[vdso]") ? vdso(first, memory) : ElfCache.get(Path.of(e.getKey()));
            if (elf.isEmpty()) continue;
            OptionalLong vaddr = elf.get().vaddrOfFileOffset(first.offset());
            if (vaddr.isEmpty()) continue;
            long bias = first.start() - vaddr.getAsLong();
            long end = maps.stream().mapToLong(ProcMaps.Mapping::end).max().orElse(first.end());
            out.add(new LoadedModule(e.getKey(), elf.get(), bias, first.start(), end, e.getKey().equals(exe)));
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
