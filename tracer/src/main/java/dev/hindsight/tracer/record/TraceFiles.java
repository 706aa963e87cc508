package dev.hindsight.tracer.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code files/} of a trace: one copy of every file the run mapped, named {@code N-BASENAME}. */
final class TraceFiles {
    private final Path dir;
    private final Map<Path, String> copies = new LinkedHashMap<>();

    TraceFiles(Path traceDir) throws IOException {
        dir = traceDir.resolve(TraceDirectory.FILES);
        Files.createDirectories(dir);
    }

    /** Copies {@code file} once; returns its name under {@code files/}. */
    String copy(Path file) {
        return copy(file, null);
    }

    /**
     * Copies {@code file} once, its bytes read from {@code contents} ({@code /proc/PID/fd/N}, the
     * file the program opened, whatever its path names now; null: the path itself).
     */
    String copy(Path file, Path contents) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            real = file.toAbsolutePath().normalize();
        }
        String known = copies.get(real);
        if (known != null) return known;
        String name = copies.size() + "-" + real.getFileName();
        try {
            Files.copy(contents != null ? contents : real, dir.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + real + " into the trace", e);
        }
        copies.put(real, name);
        return name;
    }

    /** Original path to name under {@code files/}, in copy order. */
    Map<Path, String> copies() {
        return copies;
    }
}
