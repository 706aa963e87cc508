package dev.hindsight.tracer.confine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The confinement of one server: bubblewrap for the namespaces and the filesystem view, a seccomp
 * filter, a user of its own per session when the server runs as root, control groups where the
 * machine offers them and rlimits always. {@link #open} makes one session's {@link Sandbox}.
 * Created once; {@link #create} fails with a sentence saying what is missing.
 */
public final class Confinement {
    private final SandboxLimits limits;
    private final Optional<CgroupLayout> cgroups;
    private final SessionUsers users;
    private final Path seccompFile;

    private Confinement(SandboxLimits limits, Optional<CgroupLayout> cgroups, SessionUsers users, Path seccompFile) {
        this.limits = limits;
        this.cgroups = cgroups;
        this.users = users;
        this.seccompFile = seccompFile;
    }

    /**
     * @param serverRoot a directory of this server's own (see {@code compile.ServerRoot}) for the
     *                   seccomp program and the start-up self-test: removed with the server's files
     *                   even when the server is killed
     * @throws ConfinementException when bubblewrap is missing or cannot make namespaces here
     */
    public static Confinement create(SandboxLimits limits, Path serverRoot) {
        for (String tool : List.of(Sandbox.BWRAP, Sandbox.PRLIMIT, Sandbox.SETPRIV)) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new ConfinementException("confinement needs " + tool + " (Debian packages bubblewrap and"
                        + " util-linux): apt-get install bubblewrap");
            }
        }
        SessionUsers users = SessionUsers.forThisProcess();
        if (users.isRoot() && !reachableByOthers(serverRoot)) {
            throw new ConfinementException(serverRoot + " and the directories above it must be reachable by the"
                    + " session users (mode 711 or wider) for their directories inside to be bound into their sandboxes;"
                    + " set HINDSIGHT_TMPDIR to such a place");
        }
        Confinement c = new Confinement(limits, users.isRoot() ? CgroupLayout.detect() : Optional.empty(), users,
                writeSeccompProgram(serverRoot));
        c.selfTest(serverRoot);
        return c;
    }

    /** Whether another user may pass through {@code dir} and each directory above it. */
    private static boolean reachableByOthers(Path dir) {
        try {
            for (Path p = dir.toRealPath(); p != null; p = p.getParent()) {
                if (!Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Owner-only: a session may neither read nor replace the filter it will run under. */
    private static Path writeSeccompProgram(Path serverRoot) {
        try {
            Path file = Files.createTempFile(serverRoot, "seccomp-", ".bpf",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            Files.write(file, SeccompFilter.program());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the seccomp program", e);
        }
    }

    /** Runs {@code true} confined once, so a machine without user namespaces fails at start-up, not at a launch. */
    private void selfTest(Path serverRoot) {
        Path dir;
        try {
            dir = Files.createTempDirectory(serverRoot, "selftest-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Sandbox s = open(dir, List.of(), null)) {
            Process p = new ProcessBuilder(s.wrap(List.of("/bin/true"))).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new ConfinementException("the sandbox does not start on this machine (bubblewrap said: "
                        + out.strip() + "); user namespaces may be disabled (sysctl kernel.unprivileged_userns_clone=1)");
            }
        } catch (IOException e) {
            throw new ConfinementException("cannot start bubblewrap: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfinementException("interrupted while testing the sandbox");
        } finally {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // a temp directory
            }
        }
    }

    /**
     * One session's sandbox: {@code writable} (the session directory, handed to the session's user)
     * is the only place it may write; {@code readOnly} directories (nulls and missing ones ignored)
     * are visible read-only besides the system's; processes start in {@code workingDir} (null: the writable one). Close it when the
     * session ends: that kills everything it started.
     */
    public Sandbox open(Path writable, List<Path> readOnly, Path workingDir) {
        // Folders that do not exist, repeat, or lie inside the writable one would only fail or shadow the bind.
        List<Path> readable = readOnly.stream().filter(p -> p != null && Files.isDirectory(p) && !p.startsWith(writable))
                .distinct().toList();
        int uid = users.acquire();
        try {
            users.handOver(writable, uid);
            Optional<SessionCgroup> group = cgroups.flatMap(l -> SessionCgroup.create(l, "s" + uid + "-" + System.nanoTime(), limits));
            return new Sandbox(this, writable, readable, workingDir, uid, users.isRoot(), group);
        } catch (RuntimeException e) {
            users.release(uid);
            throw e;
        }
    }

    void released(int uid) {
        users.release(uid);
    }

    public SandboxLimits limits() {
        return limits;
    }

    Path seccompFile() {
        return seccompFile;
    }

    /** One line for logs and health checks: what is enforced here. */
    public String describe() {
        return "bubblewrap namespaces (user, pid, net, mount, ipc, uts), seccomp, "
                + (users.isRoot() ? "a user per session" : "the server's user mapped in a user namespace") + ", "
                + cgroups.map(l -> l.unified() ? "cgroup v2" : "cgroup v1").orElse("no cgroups (rlimits only)");
    }

    /** Whether memory and process counts are enforced by control groups (else by rlimits). */
    public boolean usesCgroups() {
        return cgroups.isPresent();
    }
}
