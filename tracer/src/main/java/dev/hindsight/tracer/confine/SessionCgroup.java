package dev.hindsight.tracer.confine;

import dev.hindsight.tracer.sys.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One session's control groups: memory (resident, swap included), number of tasks and a CPU share
 * of one core, on cgroup v1 (one hierarchy per controller, as on these VMs) or v2 (one unified
 * hierarchy). Processes join by writing their pid into {@link #procsFiles()} before they exec
 * anything (the sandbox's start-up shell does that), so everything they start is counted and can
 * be killed together.
 */
public final class SessionCgroup {
    private final List<Path> dirs;
    private final Path memoryDir;
    private final boolean unified;

    private SessionCgroup(List<Path> dirs, Path memoryDir, boolean unified) {
        this.dirs = dirs;
        this.memoryDir = memoryDir;
        this.unified = unified;
    }

    /** Creates the session's groups under each hierarchy's {@code parent} with the limits set; empty where impossible. */
    static Optional<SessionCgroup> create(CgroupLayout layout, String name, SandboxLimits limits) {
        List<Path> made = new ArrayList<>();
        try {
            Path memory = null;
            for (CgroupLayout.Hierarchy h : layout.hierarchies()) {
                Path dir = h.parent().resolve(name);
                Files.createDirectory(dir);
                made.add(dir);
                switch (h.controller()) {
                    case CgroupLayout.UNIFIED -> {
                        memory = dir;
                        write(dir, "memory.max", Long.toString(limits.memoryBytes()));
                        writeIfPresent(dir, "memory.swap.max", "0");
                        write(dir, "pids.max", Long.toString(limits.processes()));
                        writeIfPresent(dir, "cpu.max", "100000 100000");
                    }
                    case "memory" -> {
                        memory = dir;
                        write(dir, "memory.limit_in_bytes", Long.toString(limits.memoryBytes()));
                        writeIfPresent(dir, "memory.memsw.limit_in_bytes", Long.toString(limits.memoryBytes()));
                    }
                    case "pids" -> write(dir, "pids.max", Long.toString(limits.processes()));
                    case "cpu" -> {
                        write(dir, "cpu.cfs_period_us", "100000");
                        write(dir, "cpu.cfs_quota_us", "100000");
                    }
                    default -> { }
                }
            }
            return Optional.of(new SessionCgroup(List.copyOf(made), memory, layout.unified()));
        } catch (IOException | RuntimeException e) {
            new SessionCgroup(made, null, layout.unified()).remove();
            return Optional.empty();
        }
    }

    /** The {@code cgroup.procs} files a process writes its pid into to join every group. */
    public List<Path> procsFiles() {
        return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    /** Whether the kernel killed a process here because the memory limit was reached. */
    public boolean memoryLimitHit() {
        if (memoryDir == null) return false;
        String file = unified ? "memory.events" : "memory.oom_control";
        try {
            for (String line : Files.readAllLines(memoryDir.resolve(file))) {
                if (line.startsWith("oom_kill ") && Long.parseLong(line.substring(9).trim()) > 0) return true;
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }

    /** Kills every process in the groups, until none is left or {@code millis} passed. */
    public boolean killAll(long millis) {
        return killAll(dirs, millis);
    }

    /** Kills what is left and removes the groups; idempotent. */
    public void remove() {
        killAll(2_000);
        for (Path dir : dirs) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // A process still exiting keeps the group busy; start-up clean-up removes it later.
            }
        }
    }

    static boolean killAll(List<Path> dirs, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            boolean any = false;
            for (Path dir : dirs) {
                Path kill = dir.resolve("cgroup.kill");
                if (Files.exists(kill)) {
                    try {
                        Files.writeString(kill, "1");
                    } catch (IOException e) {
                        // fall back to signalling each pid
                    }
                }
                for (int pid : pids(dir)) {
                    any = true;
                    Signals.kill(pid, Signals.SIGKILL, true);
                }
            }
            if (!any) return true;
            if (System.nanoTime() > deadline) return false;
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static List<Integer> pids(Path dir) {
        try {
            return Files.readAllLines(dir.resolve("cgroup.procs")).stream().filter(s -> !s.isBlank())
                    .map(s -> Integer.parseInt(s.trim())).toList();
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
    }

    private static void write(Path dir, String file, String value) throws IOException {
        Files.writeString(dir.resolve(file), value);
    }

    private static void writeIfPresent(Path dir, String file, String value) {
        try {
            if (Files.exists(dir.resolve(file))) write(dir, file, value);
        } catch (IOException e) {
            // optional knob (no swap accounting on this kernel)
        }
    }
}
