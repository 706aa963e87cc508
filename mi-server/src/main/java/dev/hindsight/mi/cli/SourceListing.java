package dev.hindsight.mi.cli;

import dev.hindsight.mi.commands.MiResult;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.mi.session.SourceLocations;
import dev.hindsight.tracer.stack.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * gdb's {@code list}: ten lines centred on a line ({@code list N}, {@code list FILE:N}, {@code
 * list FUNCTION}, the stop's line), the next ten ({@code list}), the ten before ({@code list -}),
 * or a range ({@code list A,B}); each as {@code N\tTEXT}.
 */
final class SourceListing {
    /** {@code set listsize}: how many lines a listing shows (gdb's default 10). */
    private static int lines(MiSession s) {
        String n = s.settings().get("listsize");
        return n.equals("unlimited") ? Integer.MAX_VALUE / 2 : Integer.parseInt(n);
    }

    private SourceListing() {}

    static MiResult list(MiSession s, String arg) {
        String a = arg.strip();
        int size = lines(s);
        MiSession.Listing last = s.listing();
        if (a.isEmpty()) {
            if (last != null) return print(s, last.file(), last.last() + 1, last.last() + size);
            Frame f = s.target() != null && s.target().state() == dev.hindsight.tracer.Target.State.STOPPED ? s.frame() : null;
            if (f != null && f.line() != null) return centred(s, f.line().file(), f.line().line());
            if (s.target() == null && s.program() != null) {
                // gdb's default before the run: main's breakpoint line, a listing's height above it, then centred
                var view = new dev.hindsight.tracer.source.SourceView(dev.hindsight.tracer.elf.ModuleMap.forExecutable(dev.hindsight.tracer.elf.ElfFile.open(s.program()), 0));
                var main = view.functionBreakpoint("main").stream().boxed().findFirst().flatMap(view::lineAt);
                if (main.isPresent()) {
                    int current = Math.max(main.get().line().line() - (size - 1), 1);
                    return centred(s, main.get().line().file(), current);
                }
            }
            throw new MiException("Hindsight lists source around a stop or a given line");
        }
        if (a.equals("-")) {
            if (last == null) throw new MiException("No default source file now.");
            if (last.first() <= 1) throw new MiException("Already at the start of " + last.file() + ".");
            return print(s, last.file(), Math.max(last.first() - size, 1), last.first() - 1);
        }
        if (a.matches("\\d+\\s*,\\s*\\d+")) {
            String[] ab = a.split("\\s*,\\s*");
            return print(s, file(s, null), Integer.parseInt(ab[0]), Integer.parseInt(ab[1]));
        }
        int colon = a.lastIndexOf(':');
        String linePart = colon >= 0 ? a.substring(colon + 1) : a;
        if (linePart.matches("\\d+")) {
            return centred(s, file(s, colon >= 0 ? a.substring(0, colon) : null), Integer.parseInt(linePart));
        }
        SourceLocations.SourceLine fn = SourceLocations.functionLine(s, a).orElseThrow(() -> new MiException("Function \"" + a + "\" not defined."));
        return centred(s, fn.file(), fn.line());
    }

    /** The file a bare line number means (the stop's, or main's), or the named one as the program knows it. */
    private static String file(MiSession s, String named) {
        String def = s.listing() != null ? s.listing().file() : s.defaultFile();
        if (named == null) {
            if (def == null) throw new MiException("No symbol table is loaded.  Use the \"file\" command.");
            return def;
        }
        if (def != null && (def.equals(named) || def.endsWith("/" + named))) return def;
        return named;
    }

    private static MiResult centred(MiSession s, String file, int line) {
        int size = lines(s);
        int first = Math.max(line - size / 2, 1);
        return print(s, file, first, first + size - 1);
    }

    private static MiResult print(MiSession s, String file, int first, int last) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            throw new MiException(first + "\tin " + file);
        }
        if (first > lines.size()) {
            // gdb has moved its listing position there before it finds the line missing
            s.setListing(new MiSession.Listing(file, first, first - 1));
            throw new MiException("Line number " + first + " out of range; " + file + " has " + lines.size() + " lines.");
        }
        int end = Math.min(last, lines.size());
        // one console record a line, as gdb writes them
        for (int i = first; i <= end; i++) s.out().console(i + "\t" + lines.get(i - 1) + "\n");
        s.setListing(new MiSession.Listing(file, first, end));
        return MiResult.done();
    }
}
