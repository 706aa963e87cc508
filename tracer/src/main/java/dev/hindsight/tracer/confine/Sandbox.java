package dev.hindsight.tracer.confine;

import dev.hindsight.tracer.StopEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One session's confinement. {@link #wrap} turns a command into one that runs it confined:
 * <pre>
 * /bin/sh -c 'join the session's control groups; exec "$@" 3&lt;SECCOMP' …
 *   prlimit --core=0 --cpu=… --fsize=… --nofile=… [--nproc=…] [--as=…]
 *   setpriv --reuid=U --regid=U --clear-groups --inh-caps=-all --bounding-set=-all   (root only)
 *   bwrap --unshare-all --die-with-parent --new-session --seccomp 3 (read-only /usr, a few /etc
 *         files, own /proc, /dev and /tmp, the session directory read-write at its own path) -- COMMAND
 * </pre>
 * Paths inside are the paths outside, so the tracer reads the program, its libraries and
 * {@code /proc/PID/maps} of the confined process exactly as it would unconfined.
 */
public final class Sandbox implements AutoCloseable {
    static final String BWRAP = "/usr/bin/bwrap", PRLIMIT = "/usr/bin/prlimit", SETPRIV = "/usr/bin/setpriv";
    private static final String ENTER = "bpf=$1; shift; for f in \"$@\"; do shift; [ \"$f\" = -- ] && break;"
            + " echo $$ > \"$f\" || exit 125; done; exec \"$@\" 3<\"$bpf\"";
    private static final List<String> SYSTEM_DIRS = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");
    private static final List<String> ETC_FILES = List.of("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
            "/etc/localtime", "/etc/alternatives");
    private static final int SIGKILL = 9, SIGXCPU = 24, SIGXFSZ = 25;
    private static final String PATH = "/usr/local/bin:/usr/bin:/bin";

    private final Confinement owner;
    private final Path writable;
    private final List<Path> readOnly;
    private final Path workingDir;
    private final int uid;
    private final boolean ownUser;
    private final Optional<SessionCgroup> cgroup;
    private boolean closed;

    Sandbox(Confinement owner, Path writable, List<Path> readOnly, Path workingDir, int uid, boolean ownUser,
            Optional<SessionCgroup> cgroup) {
        this.owner = owner;
        this.writable = writable;
        this.readOnly = List.copyOf(readOnly);
        this.workingDir = workingDir == null ? writable : workingDir;
        this.uid = uid;
        this.ownUser = ownUser;
        this.cgroup = cgroup;
    }

    /** The argv that runs {@code command} (an absolute program path first) inside this sandbox. */
    public List<String> wrap(List<String> command) {
        SandboxLimits l = owner.limits();
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", ENTER, "hindsight-sandbox",
                owner.seccompFile().toString()));
        cgroup.ifPresent(g -> g.procsFiles().forEach(f -> argv.add(f.toString())));
        argv.add("--");
        argv.addAll(List.of(PRLIMIT, "--core=0", "--cpu=" + l.cpuSeconds() + ":" + (l.cpuSeconds() + 1),
                "--fsize=" + l.fileSizeBytes(), "--nofile=" + l.openFiles()));
        // Without a pids group, RLIMIT_NPROC bounds the session's own user; a shared user (the
        // server's) would count the server's threads too, so it is left to the memory bound then.
        if (cgroup.isEmpty() && ownUser) argv.add("--nproc=" + l.processes());
        if (cgroup.isEmpty()) argv.add("--as=" + l.memoryBytes());
        if (ownUser) {
            argv.addAll(List.of(SETPRIV, "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all"));
        }
        argv.addAll(List.of(BWRAP, "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--hostname", "hindsight", "--seccomp", "3", "--ro-bind", "/usr", "/usr"));
        for (String d : SYSTEM_DIRS) {
            Path p = Path.of(d);
            if (Files.isSymbolicLink(p)) {
                try {
                    argv.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), d));
                } catch (java.io.IOException e) {
                    // unreadable link: leave it out of the sandbox
                }
            } else if (Files.isDirectory(p)) {
                argv.addAll(List.of("--ro-bind", d, d));
            }
        }
        for (String f : ETC_FILES) argv.addAll(List.of("--ro-bind-try", f, f));
        argv.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        for (Path p : readOnly) argv.addAll(List.of("--ro-bind", p.toString(), p.toString()));
        // The root itself (bubblewrap's tmpfs, holding the mount points) is made read-only last:
        // /tmp and the session directory are the only writable places.
        argv.addAll(List.of("--bind", writable.toString(), writable.toString(), "--remount-ro", "/",
                "--chdir", workingDir.toString(),
                "--clearenv", "--setenv", "PATH", PATH, "--setenv", "HOME", writable.toString(),
                "--setenv", "TMPDIR", writable.toString(), "--setenv", "LANG", "C.UTF-8", "--"));
        argv.addAll(command);
        return argv;
    }

    /** The one directory the confined processes may write (visible inside at the same path). */
    public Path writable() {
        return writable;
    }

    /** The user the session runs as (outside its user namespace). */
    public int uid() {
        return uid;
    }

    public SandboxLimits limits() {
        return owner.limits();
    }

    /** The environment a confined program gets when none is asked for: nothing of the server's. */
    public List<String> environment() {
        return List.of("PATH=" + PATH, "HOME=" + writable, "LANG=C.UTF-8", "TERM=dumb");
    }

    /**
     * Why a program that ended this way was stopped by a limit, in a user's words ("memory limit
     * of 512 MiB reached"); empty when no limit explains it.
     */
    public Optional<String> limitReached(StopEvent.Exited exit) {
        return exit.killedBySignal() ? limitReached(exit.signal().number()) : Optional.empty();
    }

    private Optional<String> limitReached(int terminatingSignal) {
        SandboxLimits l = owner.limits();
        if (terminatingSignal == SIGXCPU) return Optional.of("CPU time limit of " + l.cpuSeconds() + " s reached");
        if (terminatingSignal == SIGXFSZ) {
            return Optional.of("file size limit of " + SandboxLimits.bytes(l.fileSizeBytes()) + " reached");
        }
        if (terminatingSignal == SIGKILL && cgroup.map(SessionCgroup::memoryLimitHit).orElse(false)) {
            return Optional.of("memory limit of " + SandboxLimits.bytes(l.memoryBytes()) + " reached");
        }
        return Optional.empty();
    }

    /** Kills every process of the session (the control group's, else those the caller knows of). */
    public void killAll() {
        cgroup.ifPresent(g -> g.killAll(1_000));
    }

    /** Kills everything the session started and gives its user back; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        cgroup.ifPresent(SessionCgroup::remove);
        owner.released(uid);
    }
}
