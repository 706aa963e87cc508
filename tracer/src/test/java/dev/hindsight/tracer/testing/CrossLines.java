package dev.hindsight.tracer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The address of a marker's line, as the host's gdb-multiarch said it ({@link CrossFixtures} wrote them beside the binary). */
public final class CrossLines {
    private CrossLines() {}

    public static long address(Path binary, String marker) {
        try {
            for (String line : Files.readAllLines(binary.resolveSibling(binary.getFileName() + ".lines"))) {
                String[] f = line.split(" ");
                if (f[0].equals(marker)) return Long.decode(f[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no line address for marker " + marker + " beside " + binary);
    }
}
