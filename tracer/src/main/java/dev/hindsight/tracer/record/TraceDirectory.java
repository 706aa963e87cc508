package dev.hindsight.tracer.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * The layout of a trace directory (see the package documentation) and its creation: private to
 * its owner (0700), {@code ./hindsight-traces/NAME-N} by default with a {@code latest} link.
 */
public final class TraceDirectory {
    public static final String META = "meta.properties", EVENTS = "events", FILES = "files", INITIAL = "initial",
            SOURCES = "sources", CONFINEMENT_FILTER = "confinement.bpf";
    public static final String FORMAT = "hindsight-trace";
    public static final int VERSION = 1;

    private TraceDirectory() {}

    /** Creates {@code dir} (which must not exist, or be empty) with mode 0700. */
    static Path create(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                if (s.findAny().isPresent()) throw new IOException(dir + " exists and is not empty");
            }
        } else {
            if (dir.getParent() != null) Files.createDirectories(dir.toAbsolutePath().getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    /** {@code base/NAME-N} for the first free N, created 0700; {@code base/latest} then points at it. */
    static Path createDefault(Path base, String name) throws IOException {
        Files.createDirectories(base);
        for (int n = 0; ; n++) {
            Path dir = base.resolve(name + "-" + n);
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                return dir;
            } catch (FileAlreadyExistsException e) {
                // taken: try the next number
            }
        }
    }

    /** Points {@code latest} beside {@code dir} at it (replacing an older link). */
    static void linkLatest(Path dir) {
        Path link = dir.toAbsolutePath().getParent().resolve("latest");
        try {
            Path tmp = link.resolveSibling(".latest-" + ProcessHandle.current().pid());
            Files.deleteIfExists(tmp);
            Files.createSymbolicLink(tmp, dir.getFileName());
            Files.move(tmp, link, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + link, e);
        }
    }

    /**
     * Reads and checks {@code meta.properties}: a missing or incomplete trace, a newer format or
     * another architecture are refused with a sentence.
     */
    public static Properties readMeta(Path dir) {
        if (!Files.isDirectory(dir)) throw new TraceFormatException("no trace at " + dir);
        Path meta = dir.resolve(META);
        if (!Files.isRegularFile(meta)) {
            throw new TraceFormatException(dir + " is not a complete trace (no " + META + "; was the recording interrupted?)");
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(meta)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new TraceFormatException("cannot read " + meta + ": " + e.getMessage());
        }
        if (!FORMAT.equals(p.getProperty("format"))) throw new TraceFormatException(dir + " is not a Hindsight trace");
        int version;
        try {
            version = Integer.parseInt(p.getProperty("version", "?"));
        } catch (NumberFormatException e) {
            throw new TraceFormatException("the trace's format version is unreadable: " + p.getProperty("version"));
        }
        if (version > VERSION) {
            throw new TraceFormatException("the trace was written by a newer Hindsight (format version " + version
                    + "; this one reads up to " + VERSION + ")");
        }
        String arch = p.getProperty("arch");
        if (!"x86_64".equals(arch)) {
            throw new TraceFormatException("the trace was recorded on another architecture (" + arch + "); this machine replays x86_64");
        }
        if (!"true".equals(p.getProperty("complete"))) throw new TraceFormatException("the trace is incomplete (the recording did not finish)");
        return p;
    }
}
