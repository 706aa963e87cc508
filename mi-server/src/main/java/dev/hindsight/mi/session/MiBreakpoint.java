package dev.hindsight.mi.session;

import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.protocol.MiTuple;

/**
 * One of gdb's numbered breakpoints: what was asked ({@code original-location}), where it
 * resolved, and the policy the engine does not keep (enabled, condition, ignore count, temporary,
 * hit count as gdb counts it). {@code engineId} is the engine's breakpoint while a program runs.
 */
public final class MiBreakpoint {
    /** What the location names. */
    public enum Kind { LINE, FUNCTION, ADDRESS, WATCH }

    int number;
    final Kind kind;
    final String originalLocation;
    /** LINE: the file; FUNCTION: the name. */
    final String spec;
    /** LINE: the requested line. */
    final int requestedLine;
    /** ADDRESS: the address. */
    final long requestedAddress;
    boolean temporary;
    boolean enabled = true;
    String condition;
    int ignoreCount;
    int times;
    // where it resolved (address 0: pending)
    long address;
    String func;
    String file;
    int line;
    Integer engineId;
    // WATCH: gdb's type ("hw watchpoint", "read watchpoint", "acc watchpoint"), what it covers, its last value
    String watchType;
    long watchAddress;
    int watchLength;
    String watchValue;
    /** A dprintf's printf (gdb's type {@code dprintf}): printed at each hit, which does not stop. */
    DprintfFormat dprintf;
    /** gdb's {@code script}: the breakpoint's commands (a dprintf's is its printf line); null: none. */
    java.util.List<String> script;
    /** MI4 (gdb 13's {@code -i=mi}) writes {@code script} as a list, MI2 and MI3 in braces (set by {@link Breakpoints#add}). */
    boolean scriptAsList;

    MiBreakpoint(int number, Kind kind, String originalLocation, String spec, int requestedLine, long requestedAddress) {
        this.number = number;
        this.kind = kind;
        this.originalLocation = originalLocation;
        this.spec = spec;
        this.requestedLine = requestedLine;
        this.requestedAddress = requestedAddress;
    }

    public int number() {
        return number;
    }

    /** The options of {@code -break-insert}: {@code -t}, {@code -c COND}, {@code -i COUNT}, {@code -d}. */
    public void configure(boolean temporary, String condition, int ignoreCount, boolean enabled) {
        this.temporary = temporary;
        this.condition = condition;
        this.ignoreCount = ignoreCount;
        this.enabled = enabled;
    }

    public void setCondition(String condition) {
        this.condition = condition;
    }

    public void setIgnoreCount(int count) {
        this.ignoreCount = Math.max(0, count);
    }

    /** Makes this a dprintf: at each hit it prints and the program goes on. */
    public void printing(DprintfFormat format) {
        this.dprintf = format;
        this.script = java.util.List.of(format.script());
    }

    /** {@code -break-commands N [COMMAND…]}: the commands gdb runs at a hit; none clears them (a dprintf's printf line too, as gdb). */
    public void setScript(java.util.List<String> commands) {
        this.script = commands.isEmpty() ? null : java.util.List.copyOf(commands);
    }

    /** The commands to run after a stop at this breakpoint (none for a dprintf, whose line is printed at the hit). */
    public java.util.List<String> commands() {
        return script == null || dprintf != null ? java.util.List.of() : script;
    }

    public boolean temporary() {
        return temporary;
    }

    /** A watchpoint on {@code expression} ({@code -break-watch}, {@code -r}: read, {@code -a}: access). */
    public static MiBreakpoint watch(String expression, String type, long address, int length, String value) {
        MiBreakpoint bp = new MiBreakpoint(0, Kind.WATCH, expression, expression, 0, 0);
        bp.watchType = type;
        bp.watchAddress = address;
        bp.watchLength = length;
        bp.watchValue = value;
        return bp;
    }

    /** The result's name for a watchpoint, as {@code -break-watch} answers and {@code *stopped} names it. */
    public String watchResultName() {
        return switch (watchType) {
            case "read watchpoint" -> "hw-rwpt";
            case "acc watchpoint" -> "hw-awpt";
            default -> "wpt";
        };
    }

    /** {@code {number, exp}}, as gdb answers {@code -break-watch}. */
    public MiTuple watchTuple() {
        return MiTuple.of().add("number", number).add("exp", spec);
    }

    /** gdb's {@code bkpt} tuple. */
    public MiTuple toTuple() {
        if (kind == Kind.WATCH) {
            MiTuple w = MiTuple.of().add("number", number).add("type", watchType).add("disp", temporary ? "del" : "keep")
                    .add("enabled", enabled ? "y" : "n").add("what", spec).add("thread-groups", MiList.of().value("i1"));
            if (condition != null) w.add("cond", condition);
            return w.add("times", times).add("original-location", originalLocation);
        }
        MiTuple t = MiTuple.of().add("number", number).add("type", dprintf != null ? "dprintf" : "breakpoint").add("disp", temporary ? "del" : "keep")
                .add("enabled", enabled ? "y" : "n");
        if (address == 0) {
            t.add("addr", "<PENDING>");
        } else {
            t.add("addr", String.format("0x%016x", address));
            if (func != null) t.add("func", func);
            if (file != null) {
                t.add("file", file).add("fullname", file).add("line", line);
            }
        }
        t.add("thread-groups", MiList.of().value("i1"));
        if (condition != null) t.add("cond", condition);
        t.add("times", times);
        if (ignoreCount > 0) t.add("ignore", ignoreCount);
        // gdb 13 answers MI3 (and MI2) with script={"…"}; only MI4 makes it a list
        if (script != null) {
            MiList lines = scriptAsList ? MiList.of() : MiList.inBraces();
            for (String line : script) lines.value(line);
            t.add("script", lines);
        }
        return t.add("original-location", originalLocation);
    }
}
