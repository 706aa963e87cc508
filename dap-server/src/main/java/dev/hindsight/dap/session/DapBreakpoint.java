package dev.hindsight.dap.session;

import dev.hindsight.tracer.breakpoints.WatchKind;

/**
 * One breakpoint as the client set it, and what it became in the engine.
 * Mutable, and only touched on the session thread.
 */
public final class DapBreakpoint {
    /** What kind of request created it; also the stopped event's reason when it is hit. */
    public enum Kind {
        SOURCE("breakpoint"), FUNCTION("function breakpoint"), INSTRUCTION("instruction breakpoint"),
        DATA("data breakpoint");

        final String reason;

        Kind(String reason) {
            this.reason = reason;
        }
    }

    public final int id;
    public final Kind kind;
    /** Source path, function name, instruction address, or data id. */
    public final String what;
    public final int requestedLine;
    public final String condition;
    public final HitCondition hitCondition;
    public final String logMessage;
    public final long address;
    public final int length;
    public final WatchKind watchKind;

    int targetId = -1;
    /** Installed, but waits for a library that defines it to be loaded (the engine re-resolves it then). */
    boolean pending;
    int line;
    String message = "pending until the program is launched";
    long hits;

    public DapBreakpoint(int id, Kind kind, String what, int requestedLine, String condition, HitCondition hitCondition,
                  String logMessage, long address, int length, WatchKind watchKind) {
        this.id = id;
        this.kind = kind;
        this.what = what;
        this.requestedLine = requestedLine;
        this.condition = blankToNull(condition);
        this.hitCondition = hitCondition;
        this.logMessage = blankToNull(logMessage);
        this.address = address;
        this.length = length;
        this.watchKind = watchKind;
        this.line = requestedLine;
    }

    boolean verified() {
        return targetId >= 0 && !pending;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
