package dev.hindsight.tracer.compile;

import dev.hindsight.tracer.confine.ServerIdentity;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The directory one server keeps its session directories in: {@code BASE/hindsight-server-ID},
 * named by {@link ServerIdentity}, so a server killed with SIGKILL leaves nothing for long: the
 * next one to start removes every such directory whose server is no longer running; a server that
 * exits (or is ended by SIGTERM or SIGINT) removes its own. Mode 711, so a confined session's own
 * user can reach its session directory inside but list nothing.
 */
public final class ServerRoot {
    static final String PREFIX = "hindsight-server-";
    private static final java.util.Set<Path> REMOVED_AT_EXIT = new java.util.HashSet<>();

    private ServerRoot() {}

    /**
     * Creates this server's root under {@code base} after removing those of dead servers; it is
     * removed, with whatever is still in it, when this process exits.
     */
    public static Path create(Path base) throws IOException {
        Files.createDirectories(base);
        removeStale(base);
        Path root = base.resolve(PREFIX + ServerIdentity.current());
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        removeAtExit(root);
        return root;
    }

    private static synchronized void removeAtExit(Path root) {
        if (!REMOVED_AT_EXIT.add(root)) return;
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    SessionDirectory.deleteRecursively(root);
                } catch (IOException e) {
                    System.err.println("hindsight: cannot remove " + root + ": " + e.getMessage());
                }
            }, "hindsight-server-root"));
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }

    /** Removes the roots below {@code base} whose servers are gone; returns how many. */
    public static int removeStale(Path base) {
        int removed = 0;
        try (DirectoryStream<Path> roots = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path root : roots) {
                String id = root.getFileName().toString().substring(PREFIX.length());
                if (ServerIdentity.isAlive(id) || Files.isSymbolicLink(root)) continue;
                try {
                    SessionDirectory.deleteRecursively(root);
                    removed++;
                } catch (IOException e) {
                    System.err.println("hindsight: cannot remove " + root + " left by a stopped server: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            // base unreadable: nothing of ours there
        }
        return removed;
    }
}
