package dev.hindsight.mi.session;

import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.tracer.breakpoints.Breakpoint;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.elf.ElfFile;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.source.SourcePoint;
import dev.hindsight.tracer.source.SourceView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * gdb's breakpoint table. Before the program runs, locations resolve against the executable's
 * own debug information at its link addresses (what gdb shows then); while it runs, each enabled
 * breakpoint is one engine breakpoint at runtime addresses.
 */
public final class Breakpoints {
    private final TreeMap<Integer, MiBreakpoint> table = new TreeMap<>();
    private int next = 1;
    /** gdb's MI4 ({@code -i=mi} in gdb 13) writes a breakpoint's {@code script} as a list, MI2 and MI3 in braces. */
    private boolean scriptsAsLists;

    /** The MI version the session speaks (4 for {@code -i=mi}), which decides how {@code script} is written. */
    public void miVersion(int version) {
        scriptsAsLists = version >= 4;
        for (MiBreakpoint bp : table.values()) bp.scriptAsList = scriptsAsLists;
    }

    /** Parses a location (unnumbered until {@link #add}) ({@code *0x401000}, {@code file.c:12}, {@code 12}, {@code func}) into a new, unresolved breakpoint. */
    public MiBreakpoint create(String location, String defaultFile, String originalLocation) {
        String loc = location.strip();
        if (loc.isEmpty()) throw new MiException("-break-insert: Missing <location>");
        if (loc.startsWith("*")) {
            String expr = loc.substring(1).strip();
            // a number is an address as it stands; any other EXPR (main, puts+4) gdb evaluates
            // where the breakpoint is placed, and again once the program is loaded (a PIE moves)
            if (!expr.matches("0[xX][0-9a-fA-F]+|[0-9]+")) return new MiBreakpoint(0, MiBreakpoint.Kind.ADDRESS, originalLocation, expr, 0, 0);
            return new MiBreakpoint(0, MiBreakpoint.Kind.ADDRESS, originalLocation, null, 0, Numbers.parseAddress(expr));
        }
        int colon = loc.lastIndexOf(':');
        String linePart = colon >= 0 ? loc.substring(colon + 1) : loc;
        if (!linePart.isEmpty() && linePart.chars().allMatch(Character::isDigit)) {
            String file = colon >= 0 ? loc.substring(0, colon) : defaultFile;
            if (file == null) throw new MiException("No symbol table is loaded.  Use the \"file\" command.");
            return new MiBreakpoint(0, MiBreakpoint.Kind.LINE, originalLocation, file, Integer.parseInt(linePart), 0);
        }
        return new MiBreakpoint(0, MiBreakpoint.Kind.FUNCTION, originalLocation, loc, 0, 0);
    }

    /** Numbers it: gdb spends a number only on a breakpoint that was made. */
    void add(MiBreakpoint bp) {
        bp.number = next++;
        bp.scriptAsList = scriptsAsLists;
        table.put(bp.number, bp);
    }

    /** Resolves against the program file, before it runs; false when the location is not found. */
    static boolean resolveStatic(MiBreakpoint bp, Path program) {
        if (bp.kind == MiBreakpoint.Kind.ADDRESS && bp.spec == null) {
            place(bp, bp.requestedAddress, null);
            return true;
        }
        if (program == null) return false;
        if (bp.kind == MiBreakpoint.Kind.ADDRESS) {
            ProgramFile file = ProgramFile.of(program);
            place(bp, Numbers.evaluatedAddress(bp.spec, file::evaluate), new SourceView(file.modules()));
            return true;
        }
        SourceView sv = new SourceView(ModuleMap.forExecutable(ElfFile.open(program), 0));
        OptionalLong a;
        if (bp.kind == MiBreakpoint.Kind.LINE) {
            Optional<SourceView.ResolvedLine> r = sv.resolve(bp.spec, bp.requestedLine);
            if (r.isEmpty()) return false;
            a = OptionalLong.of(r.get().addresses().get(0));
        } else {
            a = sv.functionBreakpoint(bp.spec);
            if (a.isEmpty()) a = ModuleMap.forExecutable(ElfFile.open(program), 0).resolve(bp.spec);
            if (a.isEmpty()) return false;
        }
        place(bp, a.getAsLong(), sv);
        return true;
    }

    /** Plants the breakpoint in the running program; false when it did not resolve (left pending). */
    static boolean arm(MiBreakpoint bp, Target target) {
        if (bp.kind == MiBreakpoint.Kind.WATCH) {
            bp.engineId = target.breakpoints().addWatch(bp.watchAddress, bp.watchLength,
                    bp.watchType.equals("hw watchpoint") ? dev.hindsight.tracer.breakpoints.WatchKind.WRITE : dev.hindsight.tracer.breakpoints.WatchKind.READ_WRITE).id();
            return true;
        }
        Breakpoint b = switch (bp.kind) {
            case LINE -> target.breakpoints().addLine(bp.spec, bp.requestedLine);
            case FUNCTION -> target.breakpoints().addFunction(bp.spec);
            case ADDRESS -> target.breakpoints().add(bp.spec == null ? bp.requestedAddress
                    : Numbers.evaluatedAddress(bp.spec, target.frames()::evaluateWhileRunning));
            case WATCH -> throw new IllegalStateException("armed above");
        };
        bp.engineId = b.id();
        return update(bp, b, target);
    }

    /** Takes the engine breakpoint's addresses; true when it is resolved. */
    static boolean update(MiBreakpoint bp, Breakpoint b, Target target) {
        if (b.addresses().isEmpty()) return false;
        place(bp, b.addresses().get(0), target.symbols().source());
        return true;
    }

    static void disarm(MiBreakpoint bp, Target target) {
        if (bp.engineId != null && target != null && target.state() != Target.State.EXITED) target.breakpoints().remove(bp.engineId);
        bp.engineId = null;
    }

    private static void place(MiBreakpoint bp, long address, SourceView sv) {
        bp.address = address;
        Optional<SourcePoint> p = sv == null ? Optional.empty() : sv.at(address);
        if (p.isPresent()) {
            bp.func = p.get().function();
            bp.file = p.get().line().file();
            bp.line = p.get().line().line();
        }
    }

    /**
     * A stop at a breakpoint whose commands begin with gdb's {@code silent}: gdb then writes a
     * bare {@code *stopped} (no reason, no frame) and nothing on the console, runs the commands,
     * and deletes a temporary breakpoint as usual. False (nothing done) for any other stop.
     */
    static boolean stoppedSilently(MiSession s, List<MiBreakpoint> stopping) {
        if (stopping.isEmpty() || stopping.get(0).kind == MiBreakpoint.Kind.WATCH || stopping.get(0).commands().isEmpty()
                || !stopping.get(0).commands().get(0).strip().equals("silent")) {
            return false;
        }
        s.out().exec("stopped", null);
        runCommands(s, stopping);
        for (MiBreakpoint bp : stopping) {
            if (bp.temporary) s.placement().deleteBreakpoint(bp, true);
        }
        return true;
    }

    /**
     * After the {@code *stopped} of a stop at these breakpoints, their commands ({@code
     * -break-commands}), as gdb runs them: each a console command, its output on the console
     * stream, an error ending that breakpoint's list ({@code silent}, see {@link #stoppedSilently}).
     * Not gdb's {@code if}/{@code while} blocks.
     */
    static void runCommands(MiSession s, List<MiBreakpoint> stopped) {
        for (MiBreakpoint bp : stopped) {
            for (String line : bp.commands()) {
                if (line.strip().equals("silent")) continue;
                try {
                    dev.hindsight.mi.cli.ConsoleCommands.execute(s, line);
                } catch (MiException e) {
                    s.out().log(e.getMessage() + "\n");
                    break;
                }
            }
        }
    }

    public Optional<MiBreakpoint> get(int number) {
        return Optional.ofNullable(table.get(number));
    }

    /** {@code -break-delete 1 2}: gdb ignores words that are not numbers and unknown numbers alike. */
    public MiBreakpoint require(String number) {
        try {
            MiBreakpoint bp = table.get(Integer.parseInt(number));
            if (bp == null) throw new MiException("No breakpoint number " + number + ".");
            return bp;
        } catch (NumberFormatException e) {
            throw new MiException("Bad breakpoint argument: '" + number + "'");
        }
    }

    MiBreakpoint remove(int number) {
        return table.remove(number);
    }

    public List<MiBreakpoint> all() {
        return new ArrayList<>(table.values());
    }

    List<MiBreakpoint> byEngineIds(List<Integer> ids) {
        List<MiBreakpoint> out = new ArrayList<>();
        for (MiBreakpoint bp : table.values()) if (bp.engineId != null && ids.contains(bp.engineId)) out.add(bp);
        return out;
    }

    Optional<MiBreakpoint> byEngineId(int id) {
        return table.values().stream().filter(b -> b.engineId != null && b.engineId == id).findFirst();
    }
}
