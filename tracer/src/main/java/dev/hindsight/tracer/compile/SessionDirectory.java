package dev.hindsight.tracer.compile;

import dev.hindsight.tracer.confine.ServerIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private scratch directory for one debugging session (sources, executables, whatever the debuggee
 * writes), created under {@code $HINDSIGHT_TMPDIR}, else {@code $TMPDIR}, else {@code /tmp}, with
 * owner-only permissions and an unguessable name, {@code hindsight-PID-STARTTIME-RANDOM}, that names
 * the process owning it ({@link ServerIdentity}). {@link #close()} deletes it recursively without
 * ever following a symbolic link out of it.
 *
 * <p>Removed even when the process does not close it: a process ended by a signal that runs
 * shutdown hooks (SIGTERM, SIGINT, {@code System.exit}) removes the directories still open, and one
 * killed with SIGKILL leaves them for the next {@link #create} in the same base directory, which
 * removes every session directory whose owning process is gone (never a live one's, never another
 * user's).
 */
public final class SessionDirectory implements AutoCloseable {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    /** {@code hindsight-PID-STARTTIME-RANDOM}; group 1 is the owner's {@link ServerIdentity}. */
    private static final Pattern OWNED_NAME = Pattern.compile("hindsight-(\\d+-\\d+)-\\d+");
    /** Directories not yet closed, removed by the shutdown hook if the process ends first. */
    private static final Set<SessionDirectory> OPEN = ConcurrentHashMap.newKeySet();

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(SessionDirectory::closeAllOpen, "hindsight-session-directories"));
        } catch (IllegalStateException e) {
            // first used while the JVM already shuts down: nothing will outlive it for long
        }
    }

    private final Path path;
    private boolean closed;

    private SessionDirectory(Path path) {
        this.path = path;
    }

    /** Creates a session directory using the process environment. */
    public static SessionDirectory create() throws IOException {
        return create(System::getenv);
    }

    /** Creates a session directory; {@code environment} maps variable names to values or null. */
    public static SessionDirectory create(Function<String, String> environment) throws IOException {
        Path base = baseDirectory(environment);
        Files.createDirectories(base);
        removeStale(base);
        // createTempDirectory draws the name from SecureRandom and applies the mode atomically.
        Path dir = Files.createTempDirectory(base, "hindsight-" + ServerIdentity.current() + "-",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        SessionDirectory session = new SessionDirectory(dir.toRealPath());
        OPEN.add(session);
        try {
            Files.setPosixFilePermissions(dir, OWNER_ONLY); // in case a umask or ACL default interfered
        } catch (IOException e) {
            session.close();
            throw e;
        }
        return session;
    }

    /**
     * Removes the session directories below {@code base} that belong to this user and whose owning
     * process is gone (it was killed with SIGKILL, or crashed); returns how many. Directories of
     * live processes, of other users, symbolic links and names of another form are left alone.
     */
    public static int removeStale(Path base) {
        int removed = 0;
        Object me = ownerOf(Path.of("/proc/self")); // this process's uid
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, "hindsight-*")) {
            for (Path dir : entries) {
                Matcher m = OWNED_NAME.matcher(dir.getFileName().toString());
                if (!m.matches() || ServerIdentity.isAlive(m.group(1))) continue;
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || me == null || !me.equals(ownerOf(dir))) continue;
                try {
                    deleteRecursively(dir);
                    removed++;
                } catch (IOException e) {
                    System.err.println("hindsight: cannot remove " + dir + " left by a stopped process: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            // base unreadable: nothing of ours there
        }
        return removed;
    }

    /** The uid owning {@code path}, or null when it cannot be read. */
    private static Object ownerOf(Path path) {
        try {
            return Files.getAttribute(path, "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static void closeAllOpen() {
        for (SessionDirectory session : List.copyOf(OPEN)) {
            try {
                session.close();
            } catch (RuntimeException e) {
                System.err.println("hindsight: " + e.getMessage());
            }
        }
    }

    public static Path baseDirectory(Function<String, String> environment) {
        for (String variable : new String[] {"HINDSIGHT_TMPDIR", "TMPDIR"}) {
            String value = environment.apply(variable);
            if (value != null && !value.isBlank()) return Paths.get(value).toAbsolutePath();
        }
        return Paths.get("/tmp");
    }

    public Path path() {
        return path;
    }

    /**
     * A human-readable warning if the directory's file system is mounted {@code noexec}, where built
     * programs could not be started; empty if executable or if the mount table cannot be read.
     */
    public Optional<String> noexecWarning() {
        return MountTable.read().filter(table -> table.isNoexec(path)).map(table -> "session directory " + path
                + " is on a noexec mount; set HINDSIGHT_TMPDIR to a directory on an executable file system");
    }

    /** Deletes the directory and everything in it; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        IOException failure = null;
        // A debuggee that is still exiting may create files while we delete; a second pass catches them.
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                deleteRecursively(path);
                closed = true;
                OPEN.remove(this);
                return;
            } catch (IOException e) {
                failure = e;
            }
        }
        throw new UncheckedIOException("could not delete session directory " + path, failure);
    }

    /** Deletes {@code root} and everything below it, never following a symbolic link out of it. */
    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
        // walkFileTree does not follow links by default: a link is deleted, never its target.
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                // The debuggee may have made a directory read-only; we own it, so take it back.
                Files.setPosixFilePermissions(dir, OWNER_ONLY);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) throw e;
                // A directory the debuggee made unreadable (mode 000): it cannot even be listed until
                // we restore our permissions, which preVisitDirectory never got the chance to do.
                Files.setPosixFilePermissions(file, OWNER_ONLY);
                if (!Files.isReadable(file)) throw e;
                deleteRecursively(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
