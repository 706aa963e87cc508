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
 * {@code -symbol-info-functions [--include-nondebug] [--name REGEXP] [--type REGEXP] [--max-results N]}: the
 * program's functions with debug information, by file, as gdb sorts them (file, then global
 * before static, then name), each with its line, type and C declaration; with
 * {@code --include-nondebug} also the ELF functions without it. Before the run the program file
 * alone, at link addresses; once it runs every loaded object as gdb searches its objfiles: the
 * executable, then ld.so's link map (each library's own or separate debug information), the
 * functions of all sorted together, the nondebug ones object by object in address order at
 * their loaded addresses. {@code --max-results} stops the search, object by object, as gdb's.
 */
final class FunctionSymbols {
    private static final String COMMAND = "-symbol-info-functions";

    private record Function(String file, String fullname, boolean isStatic, String name, long line, String type) {}

    /** gdb's sort of search results: file, then global before static, then name. */
    private static final Comparator<Function> GDB_ORDER =
            Comparator.comparing(Function::file).thenComparing(Function::isStatic).thenComparing(Function::name);

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
        Pattern name = a.has("--name") ? Pattern.compile(basicRegex(a.value("--name"))) : null;
        // --type matches the type as gdb prints it (int (int, char **)); gdb then lists no nondebug functions
        Pattern type = a.has("--type") ? Pattern.compile(basicRegex(a.value("--type"))) : null;
        MiTuple symbols = MiTuple.of();
        if (s.program() == null || max == 0) return MiResult.done("symbols", symbols);
        List<Module> modules = modules(s);
        List<Function> debug = new ArrayList<>();
        for (Module m : modules) {
            if (debug.size() >= max) break;
            List<Function> own = debugFunctions(ModuleSource.of(m.elf()));
            own.removeIf(f -> name != null && !name.matcher(f.name()).find() || type != null && !type.matcher(f.type()).find());
            own.sort(GDB_ORDER); // globals before statics, as gdb takes each unit's blocks
            debug.addAll(own.subList(0, Math.min(own.size(), max - debug.size())));
        }
        debug.sort(GDB_ORDER);
        if (!debug.isEmpty()) symbols.add("debug", byFile(debug));
        if (a.has("--include-nondebug") && type == null && debug.size() < max) {
            MiList nondebug = MiList.of();
            int room = max - debug.size();
            for (Module m : modules) {
                for (MiTuple t : nondebug(m, name)) {
                    if (room-- > 0) nondebug.value(t);
                }
            }
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
                // gdb joins a relative compilation directory (libc's ./malloc) as it is, and normalises nothing then:
                // ./malloc + ./malloc/malloc.c is ./malloc/./malloc/malloc.c
                String full = file.startsWith("/") || compDir.isEmpty() ? file
                        : compDir.startsWith("/") ? Path.of(compDir, file).normalize().toString() : compDir + "/" + file;
                out.add(new Function(file, full, !d.flag(DwAt.EXTERNAL), n, d.unsigned(DwAt.DECL_LINE).orElse(0),
                        TypeNames.of(types.read(d))));
            }
        }
        return out;
    }

    /** An object searched: its file and the difference between its loaded and link addresses. */
    private record Module(ElfFile elf, long bias) {}

    /** The executable, then the libraries in ld.so's order; before the run, the program file alone. */
    private static List<Module> modules(MiSession s) {
        dev.hindsight.tracer.Target t = s.target();
        if (t == null || t.state() != dev.hindsight.tracer.Target.State.STOPPED) return List.of(new Module(ElfFile.open(s.program()), 0));
        List<Module> out = new ArrayList<>();
        List<dev.hindsight.tracer.elf.LoadedModule> loaded = t.symbols().modulesNow().modules();
        loaded.stream().filter(dev.hindsight.tracer.elf.LoadedModule::mainExecutable).findFirst().ifPresent(m -> out.add(new Module(m.elf(), m.bias())));
        for (dev.hindsight.mi.session.SharedLibraries.Library l : dev.hindsight.mi.session.SharedLibraries.loaded(t)) {
            loaded.stream().filter(m -> !m.mainExecutable() && m.contains(l.from())).findFirst().ifPresent(m -> out.add(new Module(m.elf(), m.bias())));
        }
        return out;
    }

    /**
     * The object's functions that no debug information describes (gdb's minimal symbols outside
     * any compilation unit), in address order as gdb's minimal symbol table keeps them.
     */
    private static List<MiTuple> nondebug(Module m, Pattern name) {
        List<ElfSymbol> found = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        Set<String> described = new HashSet<>();
        for (Function f : debugFunctions(ModuleSource.of(m.elf()))) described.add(f.name());
        dev.hindsight.tracer.source.SourceView units = new dev.hindsight.tracer.source.SourceView(dev.hindsight.tracer.elf.ModuleMap.forExecutable(m.elf(), 0));
        for (ElfSymbol sym : m.elf().symbols().all()) {
            if (!sym.isFunction() || sym.value() == 0 || sym.name().isEmpty() || described.contains(sym.name())) continue;
            if (name != null && !name.matcher(sym.name()).find()) continue;
            if (units.at(sym.value()).isPresent()) continue; // a compilation unit covers it: gdb counts it as debug
            if (seen.add(sym.value() * 31 + sym.name().hashCode())) found.add(sym);
        }
        found.sort(Comparator.comparingLong(ElfSymbol::value).thenComparing(ElfSymbol::name));
        List<MiTuple> out = new ArrayList<>();
        for (ElfSymbol sym : found) out.add(MiTuple.of().add("address", String.format("0x%016x", sym.value() + m.bias())).add("name", sym.name()));
        return out;
    }

    /**
     * gdb compiles {@code --name} as a POSIX basic regular expression (GNU's): {@code \\(…\\)},
     * {@code \\|}, {@code \\+}, {@code \\?} and {@code \\{…\\}} are operators, the same characters bare
     * are literal; brackets, {@code .}, {@code *}, {@code ^} and {@code $} as in Java.
     */
    static String basicRegex(String bre) {
        StringBuilder j = new StringBuilder();
        for (int i = 0; i < bre.length(); i++) {
            char c = bre.charAt(i);
            if (c == '\\' && i + 1 < bre.length()) {
                char n = bre.charAt(++i);
                if ("(){}|+?".indexOf(n) >= 0) j.append(n);
                else j.append('\\').append(n);
            } else if ("(){}|+?".indexOf(c) >= 0) {
                j.append('\\').append(c);
            } else if (c == '[') {
                int end = i + 1;
                if (end < bre.length() && bre.charAt(end) == '^') end++;
                if (end < bre.length() && bre.charAt(end) == ']') end++;
                while (end < bre.length() && bre.charAt(end) != ']') end++;
                String set = bre.substring(i, Math.min(end + 1, bre.length()));
                j.append(set.replace("\\", "\\\\").replace("[", "\\[").replaceFirst("^\\\\\\[", "["));
                i = end;
            } else {
                j.append(c);
            }
        }
        return j.toString();
    }
}
