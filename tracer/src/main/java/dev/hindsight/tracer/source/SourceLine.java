package dev.hindsight.tracer.source;

/** A place in source: absolute file path, 1-based line, column (0 when unknown). */
public record SourceLine(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
