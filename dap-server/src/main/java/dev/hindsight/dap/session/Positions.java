package dev.hindsight.dap.session;

/**
 * The one translation between the engine's positions (lines and columns from 1, as DWARF and
 * clang count them) and the client's, which {@code initialize} may declare 0-based
 * ({@code linesStartAt1}/{@code columnsStartAt1} false). Every line or column leaving the adapter
 * goes through {@link #line}/{@link #column}, every one arriving through {@link #lineIn}/
 * {@link #columnIn}; nothing else adds or subtracts 1. "Unknown" (0 or less on the engine side,
 * absent on the wire) is never translated.
 */
public final class Positions {
    private final int lineBase;
    private final int columnBase;

    private Positions(boolean linesStartAt1, boolean columnsStartAt1) {
        lineBase = linesStartAt1 ? 1 : 0;
        columnBase = columnsStartAt1 ? 1 : 0;
    }

    /** DAP's default when the client says nothing: both 1-based. */
    public static Positions oneBased() {
        return new Positions(true, true);
    }

    /** As the client declared in {@code initialize} (null: DAP's default, true). */
    public static Positions of(Boolean linesStartAt1, Boolean columnsStartAt1) {
        return new Positions(!Boolean.FALSE.equals(linesStartAt1), !Boolean.FALSE.equals(columnsStartAt1));
    }

    /** An engine line (1-based) as the client counts it. */
    public int line(int engineLine) {
        return engineLine - 1 + lineBase;
    }

    public int column(int engineColumn) {
        return engineColumn - 1 + columnBase;
    }

    /** A client's line as the engine counts it (from 1). */
    public int lineIn(int clientLine) {
        return clientLine + 1 - lineBase;
    }

    public int columnIn(int clientColumn) {
        return clientColumn + 1 - columnBase;
    }

    /** The client's number for the engine's first line (for messages: "must be 1 or more"). */
    public int firstLine() {
        return lineBase;
    }
}
