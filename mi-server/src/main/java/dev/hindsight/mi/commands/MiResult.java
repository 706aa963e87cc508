package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiTuple;

/**
 * A command's result record: its class ({@code done}, {@code running}, {@code connected}, {@code exit})
 * and results; {@code stopFollows} when a {@code *stopped} record comes after it (attaching), which
 * in sync mode gdb prompts after, not before.
 */
public record MiResult(String resultClass, MiTuple results, boolean stopFollows) {
    public MiResult(String resultClass, MiTuple results) {
        this(resultClass, results, false);
    }

    /** {@code ^done}, then the stop the command caused ({@code -target-attach}). */
    public static MiResult doneThenStopped() {
        return new MiResult("done", null, true);
    }

    public static MiResult done() {
        return new MiResult("done", null);
    }

    public static MiResult done(MiTuple results) {
        return new MiResult("done", results);
    }

    public static MiResult done(String name, Object value) {
        return new MiResult("done", MiTuple.of().add(name, value));
    }

    public static MiResult running() {
        return new MiResult("running", null);
    }

    public static MiResult connected() {
        return new MiResult("connected", null);
    }

    public static MiResult exit() {
        return new MiResult("exit", null);
    }
}
