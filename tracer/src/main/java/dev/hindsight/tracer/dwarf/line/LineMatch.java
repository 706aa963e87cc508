package dev.hindsight.tracer.dwarf.line;

import java.util.List;

/**
 * Addresses for a requested source line. {@code line} differs from the requested line when that line had no code
 * and the next line that does was chosen instead.
 */
public record LineMatch(String path, long requestedLine, long line, List<Long> addresses) {
    public boolean moved() {
        return line != requestedLine;
    }
}
