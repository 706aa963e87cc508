package dev.hindsight.tracer;

/**
 * Resource limits a tracee runs under, so a runaway program cannot take the server down with
 * it. Zero means "leave as inherited". Core dumps are always off: a crash is shown in the
 * debugger, not written to disk.
 *
 * @param addressSpaceBytes RLIMIT_AS
 * @param fileSizeBytes     RLIMIT_FSIZE, the largest file it may write
 * @param openFiles         RLIMIT_NOFILE
 * @param cpuSeconds        RLIMIT_CPU (CPU time, so a program paused in the debugger is not charged)
 */
public record ResourceLimits(long addressSpaceBytes, long fileSizeBytes, long openFiles, long cpuSeconds) {
    public static final ResourceLimits DEFAULT = new ResourceLimits(0, 0, 0, 0);

    /** Limits for a multi-user server: 4 GiB of memory, 256 MiB files, 256 fds, 10 CPU minutes. */
    public static final ResourceLimits CONFINED = new ResourceLimits(4L << 30, 256L << 20, 256, 600);
}
