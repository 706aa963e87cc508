package dev.hindsight.web.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The source files a served recording may show, and nothing else: a path the recording names
 * (from its debug information, e.g. /home/a/proj/x.c) is looked for in each {@code --sources} tree
 * by its longest ending that exists there (/tmp/proj/x.c, or /tmp/proj/a/proj/x.c first), then in
 * the trace's own copy of its sources (TRACE/sources/home/a/proj/x.c). Whatever is found must
 * still be a regular file inside that tree once every link is resolved: "..", absolute names and
 * symbolic links pointing out of a tree never reach a file outside it.
 */
public final class SourceTrees {
    /** Larger files are not sources a person reads in the page. */
    static final long MAX_BYTES = 4L << 20;
    private final List<Path> roots;
    private final Path recordedCopy;

    /** @param roots the --sources trees; @param recordedCopy the trace's sources/ directory (may be missing) */
    public SourceTrees(List<Path> roots, Path recordedCopy) {
        List<Path> real = new ArrayList<>();
        for (Path r : roots) real.add(realDirectory(r));
        this.roots = List.copyOf(real);
        this.recordedCopy = Files.isDirectory(recordedCopy) ? realDirectory(recordedCopy) : null;
    }

    private static Path realDirectory(Path dir) {
        try {
            Path real = dir.toRealPath();
            if (!Files.isDirectory(real)) throw new IllegalArgumentException(dir + " is not a directory");
            return real;
        } catch (IOException e) {
            throw new IllegalArgumentException("no such directory: " + dir);
        }
    }

    /** The file to show for {@code recorded}, or empty when none of the trees has it. */
    public Optional<Path> find(String recorded) {
        if (recorded == null || recorded.isEmpty() || recorded.indexOf('\0') >= 0) return Optional.empty();
        List<String> parts = new ArrayList<>();
        // Normalised first: "/tmp/proj/../../etc/passwd" is "/etc/passwd", whose endings are looked up.
        for (Path p : Path.of("/").resolve(recorded).normalize()) parts.add(p.toString());
        if (parts.isEmpty()) return Optional.empty();
        for (Path root : roots) {
            for (int from = 0; from < parts.size(); from++) {
                Optional<Path> f = inside(root, root.resolve(String.join("/", parts.subList(from, parts.size()))));
                if (f.isPresent()) return f;
            }
        }
        if (recordedCopy != null) return inside(recordedCopy, recordedCopy.resolve(String.join("/", parts)));
        return Optional.empty();
    }

    /** {@code candidate} when it is a regular, readable file under {@code root} after resolving links. */
    private static Optional<Path> inside(Path root, Path candidate) {
        try {
            if (!Files.exists(candidate)) return Optional.empty();
            Path real = candidate.toRealPath();
            if (!real.startsWith(root) || !Files.isRegularFile(real) || !Files.isReadable(real)) return Optional.empty();
            return Optional.of(real);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The text of {@code recorded}'s file; empty when it is not in the trees. */
    public Optional<String> read(String recorded) throws IOException {
        Optional<Path> f = find(recorded);
        if (f.isEmpty()) return Optional.empty();
        if (Files.size(f.get()) > MAX_BYTES) throw new IOException(recorded + " is too large to show");
        // Bytes that are not UTF-8 are shown as replacement characters rather than refused.
        return Optional.of(new String(Files.readAllBytes(f.get()), java.nio.charset.StandardCharsets.UTF_8));
    }
}
