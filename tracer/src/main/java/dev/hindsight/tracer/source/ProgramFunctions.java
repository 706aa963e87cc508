package dev.hindsight.tracer.source;

import dev.hindsight.tracer.dwarf.DwarfFormatException;
import dev.hindsight.tracer.dwarf.info.AddressRange;
import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.info.Die;
import dev.hindsight.tracer.dwarf.info.DieNames;
import dev.hindsight.tracer.dwarf.info.DieRanges;
import dev.hindsight.tracer.dwarf.info.DwAt;
import dev.hindsight.tracer.dwarf.info.DwTag;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.dwarf.line.LineRow;
import dev.hindsight.tracer.dwarf.line.LineTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The program's own functions: those the main executable's debug information describes (the code
 * compiled from the program's sources, not the C runtime's start files, the PLT, or templates
 * instantiated from system headers), each with its
 * run-time address ranges and the stack slots of its parameters and locals, for listings that show
 * "the program" and name {@code -0xc(%rbp)} after the variable that lives there.
 */
public final class ProgramFunctions {
    private static final List<String> SYSTEM_DIRS = List.of("/usr/include/", "/usr/lib/", "/usr/local/include/");
    private static final int DW_OP_FBREG = 0x91, DW_OP_BREG6 = 0x76, DW_OP_REG6 = 0x56, DW_OP_CALL_FRAME_CFA = 0x9c;

    /** A variable at a fixed offset from {@code %rbp} (once the prologue has set it up). */
    public record Slot(String name, long rbpOffset, boolean parameter) {}

    /** {@code ranges} are run-time addresses, lowest first. */
    public record Function(String name, List<AddressRange> ranges, List<Slot> slots) {}

    private ProgramFunctions() {}

    public static List<Function> of(ModuleMap modules) {
        Optional<LoadedModule> exe = modules.modules().stream().filter(LoadedModule::mainExecutable).findFirst();
        if (exe.isEmpty()) return List.of();
        long bias = exe.get().bias();
        List<Function> out = new ArrayList<>();
        ModuleSource.of(exe.get().elf()).debugInfo().ifPresent(info -> {
            for (CompilationUnit u : info.units()) {
                try {
                    LineTable lines = LineTable.of(u).orElse(null);
                    boolean described = false;
                    for (Die d : u.allDies()) {
                        if (d.tag() != DwTag.SUBPROGRAM) continue;
                        List<AddressRange> ranges = DieRanges.of(d);
                        described |= !ranges.isEmpty();
                        if (ranges.isEmpty() || compilerMade(d) || fromSystemHeader(d, lines)) continue;
                        String name = DieNames.qualifiedName(d);
                        if (name == null || name.isEmpty()) name = DieNames.name(d);
                        if (name == null || name.isEmpty()) continue;
                        List<AddressRange> at = ranges.stream().map(r -> new AddressRange(r.low() + bias, r.high() + bias))
                                .sorted(Comparator.comparingLong(AddressRange::low)).toList();
                        List<Slot> slots = new ArrayList<>();
                        collectSlots(d, cfaToRbp(d), slots);
                        out.add(new Function(name, at, slots));
                    }
                    if (!described && lines != null) out.addAll(fromLineTable(lines, exe.get(), bias));
                } catch (DwarfFormatException e) {
                    // a damaged unit: its functions are left out, the rest listed
                }
            }
        });
        out.sort(Comparator.comparingLong(f -> f.ranges().get(0).low()));
        return out;
    }

    /**
     * An assembly source's code: its unit describes no functions, only lines. Each stretch of code
     * its line table covers is one function, named after the symbol where it starts (its labels are
     * symbols inside it).
     */
    private static List<Function> fromLineTable(LineTable lines, LoadedModule exe, long bias) {
        List<Function> out = new ArrayList<>();
        for (List<LineRow> sequence : lines.sequences()) {
            if (sequence.size() < 2) continue;
            long low = sequence.get(0).address(), high = sequence.get(sequence.size() - 1).address();
            if (high <= low) continue;
            String name = exe.elf().symbols().lookup(low).map(a -> a.offset() == 0 ? a.symbol() : a.toString())
                    .orElse("0x" + Long.toHexString(low + bias));
            out.add(new Function(name, List.of(new AddressRange(low + bias, high + bias)), List.of()));
        }
        return out;
    }

    /** Written by the compiler, not in any source (static initialisers, implicit members). */
    private static boolean compilerMade(Die function) {
        return function.flag(DwAt.ARTIFICIAL) || DieNames.declaration(function).flag(DwAt.ARTIFICIAL);
    }

    /**
     * Whether the function is declared in a system header ({@code std::vector<int>::push_back}
     * instantiated from {@code /usr/include/c++/…}): compiled into the program, but not its code.
     */
    private static boolean fromSystemHeader(Die function, LineTable lines) {
        // An implicit member's declaration has no file of its own: its class's counts.
        Die declaration = DieNames.declaration(function);
        while (declaration.parent() != null && !declaration.has(DwAt.DECL_FILE)) declaration = declaration.parent();
        OptionalLong file = declaration.unsigned(DwAt.DECL_FILE);
        if (file.isEmpty() || lines == null || declaration.unit() != function.unit()) return false;
        String path = lines.path((int) file.getAsLong());
        if (path == null) return false;
        String normal = Path.of(path).normalize().toString();
        return SYSTEM_DIRS.stream().anyMatch(normal::startsWith);
    }

    /**
     * What to add to a {@code DW_OP_fbreg} offset to make it {@code %rbp}-relative: 0 when the frame
     * base is {@code %rbp} (clang), 16 when it is the CFA (gcc: the CFA is {@code %rbp+16} after
     * {@code push %rbp; mov %rsp,%rbp}); null for any other frame base (no slots named).
     */
    private static Long cfaToRbp(Die function) {
        byte[] base = function.block(DwAt.FRAME_BASE).orElse(null);
        if (base == null || base.length != 1) return null;
        int op = base[0] & 0xff;
        return op == DW_OP_REG6 ? 0L : op == DW_OP_CALL_FRAME_CFA ? 16L : null;
    }

    private static void collectSlots(Die scope, Long frameBaseToRbp, List<Slot> out) {
        for (Die c : scope.children()) {
            if (c.tag() == DwTag.LEXICAL_BLOCK) collectSlots(c, frameBaseToRbp, out);
            if (c.tag() != DwTag.VARIABLE && c.tag() != DwTag.FORMAL_PARAMETER) continue;
            String name = DieNames.name(c);
            byte[] loc = c.block(DwAt.LOCATION).orElse(null);
            if (name == null || name.isEmpty() || loc == null || loc.length < 2) continue;
            int op = loc[0] & 0xff;
            long[] value = sleb(loc, 1);
            if (value[1] != loc.length) continue; // more than one operation: not a plain slot
            if (op == DW_OP_FBREG && frameBaseToRbp != null) {
                out.add(new Slot(name, value[0] + frameBaseToRbp, c.tag() == DwTag.FORMAL_PARAMETER));
            } else if (op == DW_OP_BREG6) {
                out.add(new Slot(name, value[0], c.tag() == DwTag.FORMAL_PARAMETER));
            }
        }
    }

    /** A signed LEB128 at {@code at}: {value, index after it}. */
    private static long[] sleb(byte[] b, int at) {
        long result = 0;
        int shift = 0, i = at, x;
        do {
            x = b[i++] & 0xff;
            result |= (long) (x & 0x7f) << shift;
            shift += 7;
        } while ((x & 0x80) != 0 && i < b.length);
        if (shift < 64 && (x & 0x40) != 0) result |= -1L << shift;
        return new long[] {result, i};
    }
}
