package dev.hindsight.mi.cli;

import dev.hindsight.mi.session.MiSession;
import dev.hindsight.mi.session.ProgramFile;
import dev.hindsight.mi.session.SourceLocations;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.dwarf.line.LineMatch;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.source.ModuleSource;
import dev.hindsight.tracer.source.SourcePoint;
import dev.hindsight.tracer.source.SourceView;
import dev.hindsight.tracer.stack.Frame;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code info line [LOCATION]}: gdb's sentence {@code Line 4 of "/p/hello.c" starts at address
 * 0x… <add+10> and ends at 0x… <add+18>.} for a line ({@code N}, {@code FILE:N}), a function's
 * first instruction ({@code FUNC}) or an address ({@code *ADDR}); {@code is at address … but
 * contains no code.} for a line without code, {@code Line number N is out of range …} past the
 * file's code. Before the run, at the executable's link addresses, as gdb shows them.
 * Without LOCATION it goes on as gdb's does: the line after the last {@code info line}, else the
 * first line the last {@code list} showed (gdb's {@code last_line_listed}), else the stop's line.
 */
final class InfoLine {
    /** How far past its start a line's code is looked at for its end: further than any one line's code. */
    private static final int MAX_LINE_BYTES = 1 << 16;
    private static final Pattern LINE = Pattern.compile("(?:(.*):)?(\\d+)");

    /** Where a bare {@code info line} goes on, and what had happened when it was set (a later list or stop wins). */
    private record Cursor(Target target, Object stop, MiSession.Listing listing, String file, int next) {}

    private static final Map<MiSession, Cursor> CURSORS = java.util.Collections.synchronizedMap(new WeakHashMap<>());

    /** The modules addresses are in: the stopped program's, or before the run the executable at its link addresses. */
    private record View(ModuleMap modules, SourceView source, Target target, ProgramFile file) {
        static View of(MiSession s) {
            if (s.target() == null && s.program() != null) {
                ProgramFile f = ProgramFile.of(s.program());
                return new View(f.modules(), new SourceView(f.modules()), null, f);
            }
            Target t = s.stoppedTarget();
            return new View(t.symbols().modulesNow(), t.symbols().source(), t, null);
        }

        String named(long address) {
            return "0x" + Long.toHexString(address) + modules.symbolize(address).map(n -> " <" + n + ">").orElse("");
        }
    }

    private InfoLine() {}

    static void show(MiSession s, String location) {
        View v = View.of(s);
        if (location.isEmpty()) {
            showNext(s, v);
            return;
        }
        Matcher line = LINE.matcher(location);
        if (line.matches()) {
            String file = line.group(1) != null ? line.group(1) : s.listing() != null ? s.listing().file() : s.defaultFile();
            if (file != null && showLine(s, v, file, Integer.parseInt(line.group(2)))) return;
        }
        showAddress(s, v, start(s, v, location));
    }

    /** A bare {@code info line}: whichever of the last info line, list or stop came last says which line. */
    private static void showNext(MiSession s, View v) {
        Cursor c = CURSORS.get(s);
        MiSession.Listing listed = s.listing();
        Object stop = v.target() == null ? null : v.target().lastStop();
        if (listed != null && (c == null || c.listing() != listed)) {
            showLine(s, v, listed.file(), listed.first());
        } else if (c != null && c.target() == v.target() && c.stop() == stop) {
            showLine(s, v, c.file(), c.next());
        } else if (v.target() != null && s.frame().line() != null) {
            Frame f = s.frame();
            showLine(s, v, f.line().file(), f.line().line());
        } else {
            s.out().console("No line number information available.\n");
        }
    }

    /** {@code info line FILE:N}; false when no module has the file (then it is looked up as a location, for gdb's error). */
    private static boolean showLine(MiSession s, View v, String file, int line) {
        LoadedModule module = null;
        LineMatch match = null;
        boolean fileKnown = false;
        for (LoadedModule m : v.modules().modules()) {
            Optional<LineMatch> found = ModuleSource.of(m.elf()).addressesFor(file, line);
            if (found.isEmpty()) continue;
            fileKnown = true;
            if (!found.get().addresses().isEmpty() && (match == null || found.get().line() < match.line())) {
                module = m;
                match = found.get();
            }
        }
        if (match == null) {
            if (!fileKnown && !hasFile(v, file)) return false;
            // gdb leaves where a bare info line goes on as it was
            s.out().console("Line number " + line + " is out of range for \"" + file + "\".\n");
            return true;
        }
        long start = java.util.Collections.min(match.addresses()) + module.bias();
        String path = v.source().lineAt(start).map(p -> p.line().file()).orElse(match.path());
        if (match.line() != line) {
            // gdb names where the next code begins and says this line has none
            s.out().console("Line " + line + " of \"" + path + "\" is at address " + v.named(start) + " but contains no code.\n");
        } else {
            s.out().console("Line " + line + " of \"" + path + "\" starts at address " + v.named(start) + " and ends at " + v.named(rowEnd(module, start)) + ".\n");
        }
        remember(s, v, path, line + 1);
        nextExamined(s, start);
        return true;
    }

    /** Whether a module's line tables name the file (then a line past its code is out of range, not unknown). */
    private static boolean hasFile(View v, String file) {
        for (LoadedModule m : v.modules().modules()) {
            ModuleSource source = ModuleSource.of(m.elf());
            if (source.debugInfo().isEmpty()) continue;
            for (var unit : source.debugInfo().get().units()) {
                for (var f : source.lineFiles(unit)) {
                    if (f.path().equals(file) || f.path().endsWith("/" + file) || file.endsWith("/" + f.path())) return true;
                }
            }
        }
        return false;
    }

    /** {@code info line *ADDR} and {@code info line FUNCTION}: the line-table row the address is in. */
    private static void showAddress(MiSession s, View v, long address) {
        Optional<SourcePoint> at = v.source().lineAt(address);
        if (at.isEmpty() || at.get().line().line() <= 0) {
            s.out().console("No line number information available for address " + v.named(address) + "\n");
            return;
        }
        String file = at.get().line().file();
        int line = at.get().line().line();
        LoadedModule m = v.modules().moduleAt(address).orElseThrow();
        long row = ModuleSource.of(m.elf()).positionAt(address - m.bias()).orElseThrow().row().address() + m.bias();
        s.out().console("Line " + line + " of \"" + file + "\" starts at address " + v.named(row) + " and ends at " + v.named(rowEnd(m, row)) + ".\n");
        remember(s, v, file, line + 1);
        nextExamined(s, row);
    }

    /** gdb's range is the line-table row an address is in: from its address to the next row's. */
    private static long rowEnd(LoadedModule m, long address) {
        ModuleSource source = ModuleSource.of(m.elf());
        long row = source.positionAt(address - m.bias()).orElseThrow().row().address();
        long end = address + 1;
        while (end < address + MAX_LINE_BYTES && source.positionAt(end - m.bias()).map(p -> p.row().address() == row).orElse(false)) end++;
        return end;
    }

    private static void remember(MiSession s, View v, String file, int next) {
        CURSORS.put(s, new Cursor(v.target(), v.target() == null ? null : v.target().lastStop(), s.listing(), file, next));
    }

    /** gdb's {@code x} without an address then starts at the line's code. */
    private static void nextExamined(MiSession s, long address) {
        MiSession.Examined last = s.examined();
        s.setExamined(new MiSession.Examined(address, last == null ? 'x' : last.format(), last == null ? 'w' : last.unit(), last == null ? 1 : last.count()));
    }

    /** gdb takes a function's line at its first instruction, not after the prologue where {@code break} stops. */
    private static long start(MiSession s, View v, String location) {
        if (location.startsWith("*")) {
            String expr = location.substring(1).strip();
            return v.file() != null ? ConsoleOutput.addressOf(v.file(), expr) : ConsoleOutput.addressOf(s, v.target(), expr);
        }
        if (location.matches("[A-Za-z_]\\w*")) {
            java.util.OptionalLong a = v.modules().resolve(location);
            if (a.isPresent()) return a.getAsLong();
        }
        return SourceLocations.address(s, location);
    }
}
