package dev.hindsight.tracer.stack;

import dev.hindsight.tracer.dwarf.DwarfFormatException;
import dev.hindsight.tracer.dwarf.info.AddressRange;
import dev.hindsight.tracer.dwarf.info.Die;
import dev.hindsight.tracer.dwarf.info.DieRanges;
import dev.hindsight.tracer.dwarf.info.DwAt;
import dev.hindsight.tracer.dwarf.info.PcScope;
import dev.hindsight.tracer.dwarf.line.LineTable;
import dev.hindsight.tracer.elf.Demangler;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.elf.SymbolicAddress;
import dev.hindsight.tracer.source.FunctionNames;
import dev.hindsight.tracer.source.ModuleSource;
import dev.hindsight.tracer.source.SourceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Names and source lines for one physical stack frame. A pc inside inlined calls yields one frame
 * per inlined call, innermost first, as gdb shows them: the innermost at the pc's own line, each
 * outer one at the line of the call that was inlined into it.
 */
final class FrameDescriber {
    private final ModuleMap modules;

    FrameDescriber(ModuleMap modules) {
        this.modules = modules;
    }

    /**
     * The frames of one physical frame, innermost first. {@code justStopped} is set for the
     * innermost frame of the thread that just stopped (not by a step): there, as in gdb, inlined
     * calls whose code begins exactly at pc are not entered yet and get no frame, unless a
     * breakpoint named after that function ({@code breakpointNames}) stopped it there.
     */
    List<Frame> describe(int tid, int index, long pc, long scopePc, long cfa, Map<Integer, Long> regs, boolean trampoline,
                         boolean justStopped, Set<String> breakpointNames) {
        Optional<LoadedModule> module = modules.moduleAt(pc);
        String moduleName = module.map(LoadedModule::name).orElse(null);
        Optional<SymbolicAddress> sym = modules.symbolize(pc);
        String symbol = sym.map(SymbolicAddress::toString).orElse(null);
        // Without debug information gdb names a frame after its symbol, demangled: std::terminate().
        String symbolName = modules.symbolize(scopePc).map(SymbolicAddress::symbol).map(Demangler::demangle).orElse(null);
        List<Frame> out = new ArrayList<>();
        if (trampoline || module.isEmpty()) {
            out.add(new Frame(index, pc, cfa, symbolName, symbol, null, moduleName, regs, trampoline, scopePc, 0, false, tid));
            return out;
        }
        ModuleSource src = ModuleSource.of(module.get().elf());
        long link = scopePc - module.get().bias();
        SourceLine line = src.positionAt(link).filter(p -> p.path() != null && p.line() > 0)
                .map(p -> new SourceLine(p.path(), (int) p.line(), p.column())).orElse(null);
        Optional<PcScope> scope = src.scopeAt(link);
        List<Die> inlined = scope.map(PcScope::inlinedCalls).orElse(List.of());
        int notEntered = justStopped ? notEntered(inlined, link, symbolName, breakpointNames) : 0;
        for (int depth = inlined.size(); depth >= 1; depth--) {
            Die call = inlined.get(depth - 1);
            if (depth <= inlined.size() - notEntered) {
                out.add(new Frame(index + out.size(), pc, cfa, name(call, symbolName), symbol, line, moduleName, regs,
                        false, scopePc, depth, false, tid));
            }
            line = callSite(src, scope.get(), call);
        }
        String function = scope.flatMap(PcScope::function).map(f -> name(f, symbolName)).orElse(symbolName);
        out.add(new Frame(index + out.size(), pc, cfa, function, symbol, line, moduleName, regs, false, scopePc, 0, false, tid));
        return out;
    }

    /** How many of the innermost inlined calls start at {@code link}: their code begins there. */
    private static int notEntered(List<Die> inlined, long link, String fallback, Set<String> breakpointNames) {
        int count = 0;
        try {
            for (int i = inlined.size() - 1; i >= 0; i--) {
                List<AddressRange> ranges = DieRanges.of(inlined.get(i));
                if (ranges.isEmpty()) break;
                boolean starts = ranges.get(0).low() == link || ranges.stream().noneMatch(r -> r.contains(link - 1));
                if (!starts || breakpointNames.contains(name(inlined.get(i), fallback))) break;
                count++;
            }
        } catch (DwarfFormatException e) {
            // damaged ranges: show every frame
        }
        return count;
    }

    /** A frame for a function that tail-called onwards: named after the innermost scope of its jump. */
    Frame tailCall(int tid, int index, long pc, long cfa, Map<Integer, Long> regs) {
        long scopePc = pc - 1;
        Optional<LoadedModule> module = modules.moduleAt(pc);
        String symbolName = modules.symbolize(scopePc).map(SymbolicAddress::symbol).map(Demangler::demangle).orElse(null);
        String function = symbolName;
        SourceLine line = null;
        if (module.isPresent()) {
            ModuleSource src = ModuleSource.of(module.get().elf());
            long link = scopePc - module.get().bias();
            function = src.scopeAt(link).flatMap(PcScope::innermostFunction).map(f -> name(f, symbolName)).orElse(symbolName);
            line = src.positionAt(link).filter(p -> p.path() != null && p.line() > 0)
                    .map(p -> new SourceLine(p.path(), (int) p.line(), p.column())).orElse(null);
        }
        Map<Integer, Long> registers = new java.util.HashMap<>(regs);
        registers.put(dev.hindsight.tracer.dwarf.cfi.Unwinder.RIP, pc);
        return new Frame(index, pc, cfa, function, modules.symbolize(pc).map(SymbolicAddress::toString).orElse(null), line,
                module.map(LoadedModule::name).orElse(null), Map.copyOf(registers), false, scopePc, 0, true, tid);
    }

    private static String name(Die function, String fallback) {
        try {
            String n = FunctionNames.of(function);
            return n != null ? n : fallback;
        } catch (DwarfFormatException e) {
            return fallback;
        }
    }

    /** Where an inlined call was made: its DW_AT_call_file and DW_AT_call_line. */
    private static SourceLine callSite(ModuleSource src, PcScope scope, Die call) {
        try {
            long line = call.unsigned(DwAt.CALL_LINE).orElse(0);
            long file = call.unsigned(DwAt.CALL_FILE).orElse(-1);
            Optional<LineTable> table = src.lineTable(scope.unit());
            String path = table.isPresent() && file >= 0 && file <= Integer.MAX_VALUE ? table.get().path((int) file) : null;
            if (path == null || line <= 0 || line > Integer.MAX_VALUE) return null;
            return new SourceLine(path, (int) line, (int) call.unsigned(DwAt.CALL_COLUMN).orElse(0));
        } catch (DwarfFormatException e) {
            return null;
        }
    }
}
