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
                return t.source().resolve(bp.spec, bp.requestedLine).map(r -> r.addresses().get(0))
                        .orElseThrow(() -> new MiException("No line " + bp.requestedLine + " in file \"" + bp.spec + "\"."));
            default:
                OptionalLong a = t.source().functionBreakpoint(bp.spec);
                if (a.isEmpty()) a = t.addressOf(bp.spec);
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

    /** Where a breakpoint on main resolves in the program file (gdb's default source position comes from it). */
    public static Optional<SourceLine> mainLine(MiSession s) {
        if (s.program() == null) return Optional.empty();
        MiBreakpoint probe = new MiBreakpoint(0, MiBreakpoint.Kind.FUNCTION, "main", "main", 0, 0);
        if (!Breakpoints.resolveStatic(probe, s.program()) || probe.file == null) return Optional.empty();
        return Optional.of(new SourceLine(probe.file, probe.line));
    }
}
