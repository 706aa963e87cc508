package dev.hindsight.tracer.compile;

/** Severity as clang spells it: {@code error}, {@code warning}, {@code note}, {@code fatal error}. */
public enum Severity {
    ERROR, WARNING, NOTE, FATAL;

    static Severity parse(String clangWord) {
        return switch (clangWord) {
            case "error" -> ERROR;
            case "warning" -> WARNING;
            case "fatal error" -> FATAL;
            default -> NOTE; // "note", "remark"
        };
    }

    /** Whether this stops the build. */
    public boolean isError() {
        return this == ERROR || this == FATAL;
    }
}
