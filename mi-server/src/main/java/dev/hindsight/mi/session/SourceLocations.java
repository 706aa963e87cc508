package dev.hindsight.mi.session;

import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.elf.ElfFile;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.source.SourceView;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Locations as gdb's commands name them, resolved for the commands that go somewhere or show
 * something without planting a breakpoint: {@code until}, {@code jump}, {@code list},
 * {@code -file-list-exec-source-file}.
 */
public final class SourceLocations {
    /** A source position: a file (as the debug information names it) and a line. */
    public record SourceLine(String file, int line) {}

    private SourceLocations() {}

    /** A location as {@code break} takes it ({@code file:line}, {@code line}, {@code function}, {@code *addr}): its address in the running program. */
    public static long address(MiSession s, String location) {
        Target t = s.stoppedTarget();
        MiBreakpoint bp = s.breakpoints().create(location, s.defaultFile(), location);
        switch (bp.kind) {
            case ADDRESS:
                return bp.requestedAddress;
            case LINE:
                return t.symbols().source().resolve(bp.spec, bp.requestedLine).map(r -> r.addresses().get(0))
                        .orElseThrow(() -> new MiException("No line " + bp.requestedLine + " in file \"" + bp.spec + "\"."));
            default:
                OptionalLong a = t.symbols().source().functionBreakpoint(bp.spec);
                if (a.isEmpty()) a = t.symbols().addressOf(bp.spec);
                if (a.isEmpty()) throw new MiException("Function \"" + bp.spec + "\" not defined.");
                return a.getAsLong();
        }
    }

    /** The line of a function's first instruction (its opening line, where gdb centres {@code list FUNCTION}). */
    public static Optional<SourceLine> functionLine(MiSession s, String name) {
        if (s.program() == null) return Optional.empty();
        ModuleMap m = ModuleMap.forExecutable(ElfFile.open(s.program()), 0);
        OptionalLong a = m.resolve(name);
        if (a.isEmpty()) return Optional.empty();
        return new SourceView(m).lineAt(a.getAsLong()).map(p -> new SourceLine(p.line().file(), p.line().line()));
    }

    /** A compilation unit's source file: its name as compiled, and that name resolved against its directory. */
    public record SourceFile(String file, String fullname) {}

    /** The program's compilation units' files, in the order of its debug information. */
    public static java.util.List<SourceFile> programFiles(MiSession s) {
        java.util.List<SourceFile> out = new java.util.ArrayList<>();
        if (s.program() == null) return out;
        var info = dev.hindsight.tracer.source.ModuleSource.of(ElfFile.open(s.program())).debugInfo();
        if (info.isEmpty()) return out;
        for (var unit : info.get().units()) {
            if (unit.type() != dev.hindsight.tracer.dwarf.info.UnitType.COMPILE) continue;
            var root = unit.root();
            Optional<String> name = root.string(dev.hindsight.tracer.dwarf.info.DwAt.NAME);
            if (name.isEmpty()) continue;
            String dir = root.string(dev.hindsight.tracer.dwarf.info.DwAt.COMP_DIR).orElse("");
            String full = name.get().startsWith("/") || dir.isEmpty() ? name.get() : dir + "/" + name.get();
            out.add(new SourceFile(name.get(), java.nio.file.Path.of(full).normalize().toString()));
        }
        return out;
    }

    /** Where a breakpoint on main resolves in the program file (gdb's default source position comes from it). */
    public static Optional<SourceLine> mainLine(MiSession s) {
        if (s.program() == null) return Optional.empty();
        MiBreakpoint probe = new MiBreakpoint(0, MiBreakpoint.Kind.FUNCTION, "main", "main", 0, 0);
        if (!Breakpoints.resolveStatic(probe, s.program()) || probe.file == null) return Optional.empty();
        return Optional.of(new SourceLine(probe.file, probe.line));
    }
}
