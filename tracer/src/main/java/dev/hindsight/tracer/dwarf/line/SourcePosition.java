package dev.hindsight.tracer.dwarf.line;

/** The source position a line-table row gives for an address; {@code path} is absolute when resolvable. */
public record SourcePosition(String path, long line, int column, LineRow row) {}
