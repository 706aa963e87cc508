package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiArgs;
import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.mi.session.FunctionTypes;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.info.Die;
import dev.hindsight.tracer.dwarf.info.DwAt;
import dev.hindsight.tracer.dwarf.info.DwTag;
import dev.hindsight.tracer.dwarf.info.UnitType;
import dev.hindsight.tracer.dwarf.line.LineTable;
import dev.hindsight.tracer.elf.ElfFile;
import dev.hindsight.tracer.elf.ElfSymbol;
import dev.hindsight.tracer.source.ModuleSource;
import dev.hindsight.tracer.values.types.TypeNames;
import dev.hindsight.tracer.values.types.TypeReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code -symbol-info-functions [--include-nondebug] [--name REGEXP] [--max-results N]}: the
 * program's functions with debug information, by file, as gdb sorts them (file, then global
 * before static, then name), each with its line, type and C declaration; with
 * {@code --include-nondebug} also the ELF functions without it. The program file only: gdb also
 * lists the shared libraries' functions once they are loaded (and their separate debug info).
 */
final class FunctionSymbols {
    private static final String COMMAND = "-symbol-info-functions";

    private record Function(String file, String fullname, boolean isStatic, String name, long line, String type) {}

    private FunctionSymbols() {}

    static MiResult info(MiSession s, MiCommand c) {
        MiArgs a = MiArgs.parse(COMMAND, c.args(), Set.of("--include-nondebug"), Set.of("--name", "--type", "--max-results"));
        int max = Integer.MAX_VALUE;
        if (a.has("--max-results")) {
            try {
                max = Integer.parseInt(a.value("--max-results"));
                if (max < 0) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                throw new MiException("invalid value for --max-results argument");
            }
        }
        Pattern name = a.has("--name") ? Pattern.compile(a.value("--name")) : null;
        MiTuple symbols = MiTuple.of();
        if (s.program() == null || max == 0) return MiResult.done("symbols", symbols);
        ElfFile elf = ElfFile.open(s.program());
        List<Function> debug = debugFunctions(ModuleSource.of(elf));
        debug.removeIf(f -> name != null && !name.matcher(f.name()).find());
        debug.sort(Comparator.comparing(Function::file).thenComparing(Function::isStatic).thenComparing(Function::name));
        if (debug.size() > max) debug = debug.subList(0, max);
        if (!debug.isEmpty()) symbols.add("debug", byFile(debug));
        if (a.has("--include-nondebug") && debug.size() < max) {
            MiList nondebug = nondebug(elf, name, max - debug.size());
            if (nondebug.size() > 0) symbols.add("nondebug", nondebug);
        }
        return MiResult.done("symbols", symbols);
    }

    private static MiList byFile(List<Function> functions) {
        Map<String, List<Function>> files = new LinkedHashMap<>();
        for (Function f : functions) files.computeIfAbsent(f.file() + "\0" + f.fullname(), k -> new ArrayList<>()).add(f);
        MiList out = MiList.of();
        for (List<Function> fs : files.values()) {
            MiList list = MiList.of();
            for (Function f : fs) {
                list.value(MiTuple.of().add("line", f.line()).add("name", f.name()).add("type", f.type())
                        .add("description", description(f)));
            }
            out.value(MiTuple.of().add("filename", fs.get(0).file()).add("fullname", fs.get(0).fullname()).add("symbols", list));
        }
        return out;
    }

    /** gdb's declaration: {@code static long fib(int);}, the name where the type's declarator goes. */
    private static String description(Function f) {
        int paren = FunctionTypes.parameterList(f.type());
        String returns = paren < 0 ? f.type() : f.type().substring(0, paren).strip();
        String params = paren < 0 ? "" : f.type().substring(paren);
        String decl = returns + (returns.endsWith("*") ? "" : " ") + f.name() + params + ";";
        return f.isStatic() ? "static " + decl : decl;
    }

    private static List<Function> debugFunctions(ModuleSource source) {
        List<Function> out = new ArrayList<>();
        var info = source.debugInfo();
        if (info.isEmpty()) return out;
        TypeReader types = TypeReader.of(info.get());
        for (CompilationUnit u : info.get().units()) {
            if (u.type() != UnitType.COMPILE) continue;
            Die root = u.root();
            String compDir = root.string(DwAt.COMP_DIR).orElse("");
            LineTable table = source.lineTable(u).orElse(null);
            for (Die d : u.allDies()) {
                if (d.tag() != DwTag.SUBPROGRAM || d.flag(DwAt.DECLARATION) || !d.has(DwAt.LOW_PC)) continue;
                String n = d.string(DwAt.NAME).orElse(null);
                if (n == null) continue;
                String file = table == null ? null : table.path((int) d.unsigned(DwAt.DECL_FILE).orElse(-1));
                if (file == null) file = root.string(DwAt.NAME).orElse("");
                String full = file.startsWith("/") || compDir.isEmpty() ? file : Path.of(compDir, file).normalize().toString();
                out.add(new Function(file, full, !d.flag(DwAt.EXTERNAL), n, d.unsigned(DwAt.DECL_LINE).orElse(0),
                        TypeNames.of(types.read(d))));
            }
        }
        return out;
    }

    /** The ELF's functions that no debug information describes, by name, at their link-time addresses. */
    private static MiList nondebug(ElfFile elf, Pattern name, int max) {
        List<ElfSymbol> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> described = new HashSet<>();
        for (Function f : debugFunctions(ModuleSource.of(elf))) described.add(f.name());
        for (ElfSymbol sym : elf.symbols().all()) {
            if (!sym.isFunction() || sym.value() == 0 || sym.name().isEmpty() || described.contains(sym.name())) continue;
            if (name != null && !name.matcher(sym.name()).find()) continue;
            if (seen.add(sym.name())) found.add(sym);
        }
        found.sort(Comparator.comparing(ElfSymbol::name));
        MiList out = MiList.of();
        for (ElfSymbol sym : found.subList(0, Math.min(max, found.size()))) {
            out.value(MiTuple.of().add("address", String.format("0x%016x", sym.value())).add("name", sym.name()));
        }
        return out;
    }
}
