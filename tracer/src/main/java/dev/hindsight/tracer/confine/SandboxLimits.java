package dev.hindsight.tracer.confine;

/**
 * What one confined session may use. Memory is resident memory (swap included) where a memory
 * control group is available, else address space ({@code RLIMIT_AS}); processes counts threads
 * too ({@code pids.max}, else {@code RLIMIT_NPROC} of the session's own user); CPU time is
 * charged only while the program runs, so a program paused in the debugger costs nothing.
 *
 * @param memoryBytes   memory of the whole session (program and its children)
 * @param processes     processes and threads at once
 * @param cpuSeconds    CPU time of one process ({@code RLIMIT_CPU}: SIGXCPU, then SIGKILL a second later)
 * @param fileSizeBytes the largest file it may write ({@code RLIMIT_FSIZE}: SIGXFSZ)
 * @param openFiles     open descriptors per process ({@code RLIMIT_NOFILE})
 */
public record SandboxLimits(long memoryBytes, long processes, long cpuSeconds, long fileSizeBytes, long openFiles) {
    /** The documented defaults of {@code hindsight serve}. */
    public static final SandboxLimits DEFAULTS = new SandboxLimits(512L << 20, 64, 60, 64L << 20, 256);

    public SandboxLimits {
        if (memoryBytes < 16L << 20) throw new IllegalArgumentException("memory limit below 16 MiB");
        if (processes < 4) throw new IllegalArgumentException("process limit below 4");
        if (cpuSeconds < 1 || fileSizeBytes < 1 || openFiles < 16) throw new IllegalArgumentException("limit too small");
    }

    public SandboxLimits withMemoryBytes(long v) {
        return new SandboxLimits(v, processes, cpuSeconds, fileSizeBytes, openFiles);
    }

    public SandboxLimits withProcesses(long v) {
        return new SandboxLimits(memoryBytes, v, cpuSeconds, fileSizeBytes, openFiles);
    }

    public SandboxLimits withCpuSeconds(long v) {
        return new SandboxLimits(memoryBytes, processes, v, fileSizeBytes, openFiles);
    }

    public SandboxLimits withFileSizeBytes(long v) {
        return new SandboxLimits(memoryBytes, processes, cpuSeconds, v, openFiles);
    }

    public SandboxLimits withOpenFiles(long v) {
        return new SandboxLimits(memoryBytes, processes, cpuSeconds, fileSizeBytes, v);
    }

    /** "512 MiB", "1 GiB", "100 KiB": how limits are reported to a user. */
    public static String bytes(long n) {
        if (n % (1L << 30) == 0) return (n >> 30) + " GiB";
        if (n % (1L << 20) == 0) return (n >> 20) + " MiB";
        if (n % (1L << 10) == 0) return (n >> 10) + " KiB";
        return n + " bytes";
    }
}
