package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiTuple;

/** A command's result record: its class ({@code done}, {@code running}, {@code connected}, {@code exit}) and results. */
public record MiResult(String resultClass, MiTuple results) {
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
