package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.line.LineRow;
import dev.hindsight.tracer.dwarf.line.LineTable;
import dev.hindsight.tracer.elf.ElfFile;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.source.ModuleSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** -symbol-list-lines, -file-symbol-file, -environment-directory: the program's symbols and where its sources are looked for. */
final class SymbolCommands {
    private SymbolCommands() {}

    /**
     * {@code -symbol-list-lines FILE}: every row of the file's line table in address order, as gdb's
     * symtab keeps it: rows of line 0 dropped, each sequence's end as line 0; addresses as the
     * program is loaded (link-time before the run).
     */
    static MiResult listLines(MiSession s, MiCommand c) {
        if (c.args().size() != 1) throw new MiException("-symbol-list-lines: Usage: SOURCE_FILENAME");
        String file = c.args().get(0);
        if (s.program() == null) throw new MiException("-symbol-list-lines: Unknown source file name.");
        ModuleSource source = ModuleSource.of(ElfFile.open(s.program()));
        long bias = bias(s);
        List<LineRow> rows = new ArrayList<>();
        boolean found = false;
        for (CompilationUnit u : source.debugInfo().map(i -> i.units()).orElse(List.of())) {
            Optional<LineTable> table = source.lineTable(u);
            if (table.isEmpty()) continue;
            boolean[] same = new boolean[table.get().files().size()];
            for (int i = 0; i < same.length; i++) found |= same[i] = names(table.get().files().get(i).path(), file);
            for (List<LineRow> seq : table.get().sequences()) {
                for (LineRow r : seq) {
                    if (r.file() < 0 || r.file() >= same.length || !same[r.file()]) continue;
                    if (r.line() == 0 && !r.endSequence()) continue;
                    rows.add(r);
                }
            }
        }
        if (!found) throw new MiException("-symbol-list-lines: Unknown source file name.");
        rows.sort((a, b) -> Long.compareUnsigned(a.address(), b.address()));
        MiList lines = MiList.of();
        for (LineRow r : rows) {
            lines.value(MiTuple.of().add("pc", String.format("0x%016x", r.address() + bias)).add("line", r.endSequence() ? 0 : r.line()));
        }
        return MiResult.done("lines", lines);
    }

    /** Whether the line table's {@code path} is the file a command names: the same path, or one ending in it. */
    private static boolean names(String path, String file) {
        try {
            Path p = Path.of(path).normalize();
            Path f = Path.of(file).normalize();
            return p.equals(f) || p.endsWith(f) || (f.isAbsolute() && f.endsWith(p));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The running program's load bias; 0 before the run, as gdb's link-time addresses. */
    private static long bias(MiSession s) {
        Target t = s.target();
        if (t == null || t.state() == Target.State.EXITED) return 0;
        return t.symbols().modulesNow().modules().stream().filter(LoadedModule::mainExecutable).mapToLong(LoadedModule::bias).findFirst().orElse(0);
    }

    /** {@code -file-symbol-file [FILE]}: the program's own file is already read; another must at least exist. */
    static MiResult symbolFile(MiSession s, MiCommand c) {
        if (c.args().size() > 1) throw new MiException("Unrecognized argument \"" + c.args().get(1) + "\"");
        if (c.args().size() == 1) {
            Path p = s.workingDirectory().resolve(c.args().get(0));
            if (!Files.exists(p)) throw new MiException(c.args().get(0) + ": No such file or directory.");
            if (s.program() == null) s.setProgram(p);
        }
        return MiResult.done();
    }

    /**
     * {@code -environment-directory [-r] [DIR…]}: gdb's source path; {@code -r} resets it to
     * {@code $cdir:$cwd}; each argument, last first, goes in front as one entry (gdb's add_path
     * without parsing separators: {@code a:b} is one entry), an older copy of it removed.
     */
    static MiResult environmentDirectory(MiSession s, MiCommand c) {
        List<String> args = new ArrayList<>(c.args());
        boolean reset = false;
        while (!args.isEmpty() && args.get(0).startsWith("-") && args.get(0).length() > 1) {
            String w = args.remove(0);
            if (w.equals("--")) break;
            if (!w.equals("-r")) throw new MiException("-environment-directory: Unknown option ``" + w.substring(1) + "''");
            reset = true;
        }
        String path = reset ? "$cdir:$cwd" : s.settings().get("directories");
        for (int i = args.size() - 1; i >= 0; i--) {
            if (args.get(i).isEmpty()) continue;
            path = prepend(path, absolute(s, args.get(i)));
        }
        s.settings().set("directories " + path);
        return MiResult.done("source-path", path);
    }

    /** gdb's add_path for one name: every old copy (between separators) removed, the name put first. */
    private static String prepend(String path, String name) {
        int len = name.length();
        int p = 0;
        while (true) {
            if (path.startsWith(name, p) && (p + len == path.length() || path.charAt(p + len) == ':')) {
                int from = p > 0 ? p - 1 : p; // with the separator before it, or after it when first
                path = path.substring(0, from) + (from + len + 1 <= path.length() ? path.substring(from + len + 1) : "");
                p = from;
            }
            int next = path.indexOf(':', p);
            if (next < 0) break;
            p = next + 1;
        }
        return path.isEmpty() ? name : name + ":" + path;
    }

    private static String absolute(MiSession s, String dir) {
        if (dir.startsWith("$")) return dir;
        if (dir.equals("~") || dir.startsWith("~/")) dir = System.getProperty("user.home") + dir.substring(1);
        // gdb prefixes the working directory and removes trailing slashes; it does not resolve ".."
        String d = dir.startsWith("/") ? dir : s.workingDirectory().toAbsolutePath() + "/" + dir;
        while (d.length() > 1 && d.endsWith("/")) d = d.substring(0, d.length() - 1);
        return d;
    }
}
