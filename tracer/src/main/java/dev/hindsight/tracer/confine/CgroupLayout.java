package dev.hindsight.tracer.confine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where this server's session control groups live: {@code hindsight/SERVER-ID/} below the
 * memory, pids and cpu hierarchies of cgroup v1, or below the unified v2 hierarchy with those
 * controllers delegated. Empty when the machine offers neither to this process (then rlimits alone
 * bound a session).
 */
record CgroupLayout(List<Hierarchy> hierarchies, boolean unified) {
    static final String UNIFIED = "unified";
    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    private static final List<String> V1_CONTROLLERS = List.of("memory", "pids", "cpu");

    /** A controller's (or the unified tree's) directory for this server. */
    record Hierarchy(String controller, Path parent) {}

    static Optional<CgroupLayout> detect() {
        try {
            if (Files.exists(ROOT.resolve("cgroup.controllers"))) return unifiedLayout();
            List<Hierarchy> found = new ArrayList<>();
            for (String c : V1_CONTROLLERS) {
                Path base = ROOT.resolve(c);
                if (!Files.exists(base.resolve("cgroup.procs"))) return Optional.empty();
                found.add(new Hierarchy(c, serverDirectory(base)));
            }
            return Optional.of(new CgroupLayout(found, false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<CgroupLayout> unifiedLayout() throws IOException {
        String available = Files.readString(ROOT.resolve("cgroup.controllers"));
        if (!available.contains("memory") || !available.contains("pids")) return Optional.empty();
        // Each level down to the sessions' parent hands the controllers on to its children.
        String controllers = "+memory +pids" + (available.contains("cpu") ? " +cpu" : "");
        Files.writeString(ROOT.resolve("cgroup.subtree_control"), controllers);
        Path server = serverDirectory(ROOT);
        Files.writeString(server.getParent().resolve("cgroup.subtree_control"), controllers);
        Files.writeString(server.resolve("cgroup.subtree_control"), controllers);
        return Optional.of(new CgroupLayout(List.of(new Hierarchy(UNIFIED, server)), true));
    }

    private static Path serverDirectory(Path controllerRoot) throws IOException {
        Path ours = controllerRoot.resolve("hindsight");
        Files.createDirectories(ours);
        removeStale(ours);
        Path server = ours.resolve(ServerIdentity.current());
        Files.createDirectories(server);
        return server;
    }

    /** Kills and removes what servers that are no longer running left below {@code ours}. */
    static void removeStale(Path ours) {
        try (Stream<Path> servers = Files.list(ours)) {
            for (Path server : servers.filter(Files::isDirectory).toList()) {
                if (ServerIdentity.isAlive(server.getFileName().toString())) continue;
                try (Stream<Path> sessions = Files.list(server)) {
                    for (Path s : sessions.filter(Files::isDirectory).toList()) {
                        SessionCgroup.killAll(List.of(s), 2_000);
                        Files.deleteIfExists(s);
                    }
                }
                Files.deleteIfExists(server);
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: a group still draining is removed at the next start.
        }
    }
}
