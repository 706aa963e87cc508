package dev.hindsight.tracer.compile;

import java.util.List;

/**
 * One compiler or linker message.
 *
 * @param file         absolute path of the file the message is about, or "" for messages about no file
 *                     (driver errors, {@code cannot find -lfoo})
 * @param line         1-based line, or 0 when unknown (linker messages without debug info)
 * @param column       1-based column, or 0 when unknown (all linker messages)
 * @param severity     ERROR, WARNING, NOTE or FATAL; linker failures are ERROR
 * @param message      the text after the severity, e.g. {@code use of undeclared identifier 'x'}
 * @param function     the function a linker message names ({@code in function `main'}), or ""
 * @param includedFrom the include chain, outermost last, as {@code file:line}; empty if none
 */
public record Diagnostic(String file, int line, int column, Severity severity, String message,
                         String function, List<String> includedFrom) {

    public Diagnostic {
        includedFrom = List.copyOf(includedFrom);
    }

    static Diagnostic withoutLocation(Severity severity, String message) {
        return new Diagnostic("", 0, 0, severity, message, "", List.of());
    }

    @Override
    public String toString() {
        String where = file.isEmpty() ? "" : line == 0 ? file + ": " : column == 0
                ? file + ":" + line + ": " : file + ":" + line + ":" + column + ": ";
        return where + severity.name().toLowerCase() + ": " + message
                + (function.isEmpty() ? "" : " (in function " + function + ")");
    }
}
