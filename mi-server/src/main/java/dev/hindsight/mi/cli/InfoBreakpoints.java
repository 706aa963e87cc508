package dev.hindsight.mi.cli;

import dev.hindsight.mi.session.MiBreakpoint;
import dev.hindsight.mi.session.MiSession;
import java.util.List;

/**
 * {@code info breakpoints}: gdb's table (breakpoint_1 in gdb's breakpoint.c), each row from the
 * breakpoint's MI tuple: number, type, disposition, enabled, address (16 hex digits) and where,
 * then its condition, ignore count and hits on lines of their own.
 */
final class InfoBreakpoints {
    private InfoBreakpoints() {}

    static void show(MiSession s) {
        List<MiBreakpoint> all = s.breakpoints().all();
        if (all.isEmpty()) {
            s.out().console("No breakpoints or watchpoints.\n");
            return;
        }
        StringBuilder b = new StringBuilder(String.format("%-7s %-14s %-4s %-3s %-18s %s%n", "Num", "Type", "Disp", "Enb", "Address", "What"));
        for (MiBreakpoint bp : all) {
            String r = bp.toTuple().results();
            String addr = field(r, "addr"), func = field(r, "func"), file = field(r, "file"), line = field(r, "line");
            String where;
            if (addr == null) { // a watchpoint: its expression
                where = String.valueOf(field(r, "exp"));
                addr = "";
            } else if (addr.startsWith("0x")) {
                addr = String.format("0x%016x", Long.parseUnsignedLong(addr.substring(2), 16));
                where = (func != null ? "in " + func + " " : "") + (file != null ? "at " + file + ":" + line : "");
            } else {
                where = String.valueOf(field(r, "original-location"));
            }
            b.append(String.format("%-7s %-14s %-4s %-3s %-18s %s", field(r, "number"), field(r, "type"), field(r, "disp"),
                    field(r, "enabled"), addr, where).stripTrailing()).append('\n');
            String cond = field(r, "cond"), ignore = field(r, "ignore"), times = field(r, "times");
            if (cond != null) b.append("\tstop only if ").append(cond).append('\n');
            if (times != null && !times.equals("0")) {
                b.append("\tbreakpoint already hit ").append(times).append(times.equals("1") ? " time\n" : " times\n");
            }
            if (ignore != null && !ignore.equals("0")) b.append("\tWill ignore next ").append(ignore).append(" crossings of breakpoint.\n");
        }
        s.out().console(b.toString());
    }

    private static String field(String results, String name) {
        int at = results.indexOf(name + "=\"");
        while (at > 0 && results.charAt(at - 1) != ',') at = results.indexOf(name + "=\"", at + 1);
        if (at < 0) return null;
        int start = at + name.length() + 2;
        return results.substring(start, results.indexOf('"', start));
    }
}
