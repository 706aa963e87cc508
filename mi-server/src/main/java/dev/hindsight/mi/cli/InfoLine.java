package dev.hindsight.mi.cli;

import dev.hindsight.mi.session.MiSession;
import dev.hindsight.mi.session.SourceLocations;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.source.ModuleSource;
import dev.hindsight.tracer.source.SourcePoint;
import java.util.Optional;

/**
 * {@code info line [LOCATION]}: gdb's sentence {@code Line 4 of "/p/hello.c" starts at address
 * 0x… <add+10> and ends at 0x… <add+18>.} for the line at the selected frame's pc (no argument),
 * or at a location as {@code break} takes it ({@code N}, {@code FUNC}, {@code *ADDR}).
 */
final class InfoLine {
    /** How far past its start a line's code is looked at for its end: further than any one line's code. */
    private static final int MAX_LINE_BYTES = 1 << 16;

    private InfoLine() {}

    static void show(MiSession s, String location) {
        Target t = s.stoppedTarget();
        long address = location.isEmpty() ? s.frame().pc() : start(s, t, location);
        Optional<SourcePoint> at = t.symbols().source().lineAt(address);
        if (at.isEmpty() || at.get().line().line() <= 0) {
            s.out().console("No line number information available for address " + named(t, address) + "\n");
            return;
        }
        String file = at.get().line().file();
        int line = at.get().line().line();
        java.util.regex.Matcher asked = java.util.regex.Pattern.compile("(?:.*:)?(\\d+)").matcher(location);
        if (asked.matches() && Integer.parseInt(asked.group(1)) != line) {
            // a line without code: gdb names the next code, as break places it
            s.out().console("Line " + asked.group(1) + " of \"" + file + "\" is at address " + named(t, address) + " but contains no code.\n");
            return;
        }
        // gdb's range is the line-table row the address is in: from its address to the next row's
        LoadedModule m = t.symbols().modulesNow().moduleAt(address).orElseThrow();
        ModuleSource source = ModuleSource.of(m.elf());
        long row = source.positionAt(address - m.bias()).orElseThrow().row().address();
        long end = address + 1;
        while (end < address + MAX_LINE_BYTES && source.positionAt(end - m.bias()).map(p -> p.row().address() == row).orElse(false)) end++;
        s.out().console("Line " + line + " of \"" + file + "\" starts at address " + named(t, row + m.bias()) + " and ends at " + named(t, end) + ".\n");
    }

    /** gdb takes a function's line at its first instruction, not after the prologue where {@code break} stops. */
    private static long start(MiSession s, Target t, String location) {
        if (location.startsWith("*")) return ConsoleOutput.addressOf(s, t, location.substring(1).strip());
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?:(.*):)?(\\d+)").matcher(location);
        if (line.matches()) {
            // the line's (or, without code, the next code line's) first row, before any prologue skip
            String file = line.group(1) != null ? line.group(1) : s.defaultFile();
            for (LoadedModule m : t.symbols().modulesNow().modules()) {
                var match = ModuleSource.of(m.elf()).addressesFor(file, Integer.parseInt(line.group(2)));
                if (match.isPresent() && !match.get().addresses().isEmpty()) return java.util.Collections.min(match.get().addresses()) + m.bias();
            }
        }
        if (location.matches("[A-Za-z_]\\w*")) {
            java.util.OptionalLong a = t.symbols().addressOf(location);
            if (a.isPresent()) return a.getAsLong();
        }
        return SourceLocations.address(s, location);
    }

    /** {@code 0x555555555143 <add+10>}, as gdb names a code address. */
    private static String named(Target t, long address) {
        return "0x" + Long.toHexString(address) + t.symbols().symbolize(address).map(n -> " <" + n + ">").orElse("");
    }
}
