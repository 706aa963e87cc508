package dev.hindsight.tracer.source;

import dev.hindsight.tracer.dwarf.info.AddressRange;
import dev.hindsight.tracer.dwarf.info.Die;
import dev.hindsight.tracer.dwarf.info.DieRanges;
import dev.hindsight.tracer.dwarf.info.PcScope;
import dev.hindsight.tracer.dwarf.line.LineMatch;
import dev.hindsight.tracer.dwarf.line.SourcePosition;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.elf.ModuleMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Source queries in runtime addresses over every loaded module of a process. */
public final class SourceView {
    private final ModuleMap modules;

    public SourceView(ModuleMap modules) {
        this.modules = modules;
    }

    /** A line resolved to runtime addresses; {@code line} differs from the request when it moved. */
    public record ResolvedLine(String file, int requestedLine, int line, List<Long> addresses) {
        public boolean moved() {
            return line != requestedLine;
        }
    }

    /**
     * Just file, line and whether pc starts a statement row: the cheap query a step loop makes per
     * instruction. Line 0 (compiler-generated code inside a statement) is reported as such, never
     * as a statement start, so stepping goes on through it as gdb's does.
     */
    public Optional<SourcePoint> lineAt(long pc) {
        Optional<LoadedModule> m = modules.moduleAt(pc);
        if (m.isEmpty()) return Optional.empty();
        long link = pc - m.get().bias();
        return ModuleSource.of(m.get().elf()).positionAt(link)
                .filter(p -> p.path() != null)
                .map(p -> new SourcePoint(new SourceLine(p.path(), (int) p.line(), p.column()),
                        p.line() > 0 && p.row().address() == link && p.row().isStmt(), null, 0));
    }

    public Optional<SourcePoint> at(long pc) {
        Optional<LoadedModule> m = modules.moduleAt(pc);
        if (m.isEmpty()) return Optional.empty();
        ModuleSource src = ModuleSource.of(m.get().elf());
        long link = pc - m.get().bias();
        Optional<SourcePosition> pos = src.positionAt(link);
        if (pos.isEmpty() || pos.get().path() == null || pos.get().line() <= 0) return Optional.empty();
        SourcePosition p = pos.get();
        boolean start = p.row().address() == link && p.row().isStmt();
        Optional<PcScope> scope = src.scopeAt(link);
        Optional<Die> fn = scope.flatMap(PcScope::function);
        String name = null;
        long low = 0;
        try {
            name = fn.map(FunctionNames::of).orElse(null);
            low = fn.map(DieRanges::of).filter(r -> !r.isEmpty()).map(r -> r.get(0).low() + m.get().bias()).orElse(0L);
        } catch (dev.hindsight.tracer.dwarf.DwarfFormatException e) {
            // A damaged name or range costs the function's name, not the line: fall back to the symbol.
            name = null;
        }
        if (name == null) {
            // Assembly has lines but no subprogram entries: name the function after its symbol.
            Optional<dev.hindsight.tracer.elf.SymbolicAddress> sym = modules.symbolize(pc);
            name = sym.map(dev.hindsight.tracer.elf.SymbolicAddress::symbol).map(dev.hindsight.tracer.elf.Demangler::demangle).orElse(null);
            low = sym.map(x -> pc - x.offset()).orElse(0L);
        }
        return Optional.of(new SourcePoint(new SourceLine(p.path(), (int) p.line(), p.column()), start, name, low));
    }

    /** Runtime addresses of {@code file:line} in every module that has it (the main program first). */
    public Optional<ResolvedLine> resolve(String file, int line) {
        List<Long> addresses = new ArrayList<>();
        int resolved = Integer.MAX_VALUE;
        String path = file;
        for (LoadedModule m : modules.modules()) {
            Optional<LineMatch> match = ModuleSource.of(m.elf()).addressesFor(file, line);
            if (match.isEmpty() || match.get().addresses().isEmpty()) continue;
            if (match.get().line() < resolved) {
                resolved = (int) match.get().line();
                addresses.clear();
            }
            if (match.get().line() == resolved) {
                ModuleSource src = ModuleSource.of(m.elf());
                match.get().addresses().forEach(a -> addresses.add(skipPrologue(src, a) + m.bias()));
            }
        }
        if (addresses.isEmpty()) return Optional.empty();
        return Optional.of(new ResolvedLine(path, line, resolved, List.copyOf(addresses)));
    }

    /**
     * A line whose code starts a function (a one-line function) breaks after the prologue, as gdb
     * does, so parameters and {@code this} are already in their stack slots.
     */
    private static long skipPrologue(ModuleSource src, long link) {
        Optional<Die> fn = src.scopeAt(link).flatMap(PcScope::function);
        if (fn.isEmpty()) return link;
        List<AddressRange> ranges = DieRanges.of(fn.get());
        if (ranges.isEmpty() || ranges.get(0).low() != link) return link;
        return src.afterPrologue(fn.get()).orElse(link);
    }

    /** Where {@code break NAME} stops: after the prologue of the function, main program first. */
    public OptionalLong functionBreakpoint(String name) {
        List<LoadedModule> ordered = new ArrayList<>(modules.modules());
        ordered.sort((a, b) -> Boolean.compare(b.mainExecutable(), a.mainExecutable()));
        for (LoadedModule m : ordered) {
            ModuleSource src = ModuleSource.of(m.elf());
            Optional<Die> fn = src.function(name);
            if (fn.isPresent()) {
                OptionalLong a = src.afterPrologue(fn.get());
                if (a.isPresent()) return OptionalLong.of(a.getAsLong() + m.bias());
            }
        }
        return OptionalLong.empty();
    }

    /** The runtime ranges of the function containing pc. */
    public List<AddressRange> functionRanges(long pc) {
        Optional<LoadedModule> m = modules.moduleAt(pc);
        if (m.isEmpty()) return List.of();
        long bias = m.get().bias();
        return ModuleSource.of(m.get().elf()).scopeAt(pc - bias).flatMap(PcScope::function)
                .map(f -> DieRanges.of(f).stream().map(r -> new AddressRange(r.low() + bias, r.high() + bias)).toList())
                .orElse(List.of());
    }
}
