package dev.hindsight.tracer.dwarf.line;

/** A line-table file: its absolute (when resolvable) path and the optional v5 MD5 checksum. */
public record FileEntry(String path, long directoryIndex, byte[] md5) {}
