package dev.hindsight.index.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long a process has run on a CPU ({@code /proc/PID/schedstat}'s first field, in ns). Cuts
 * are placed by it rather than by the wall clock: at full speed a replay spends most of its wall
 * time stopped at system calls while the tracer works, and those stops are cheap to single-step
 * through, while CPU time grows with the instructions the program runs.
 *
 * <p>The kernel brings another process's CPU time up to date only at its scheduler ticks and
 * switches (measured here: every 4–8 ms while it computes, while a run of 50 million instructions
 * computes for about 20 ms). So {@link #nanos()} adds the wall time since the value last changed
 * (at most {@link #LARGEST_GAP_NANOS}): the process computes in between, unless it is stopped at a
 * system call, which is short and ends with a switch that brings the value up to date again, or
 * waits for a CPU (a loaded machine), which ends with an update of its time spent waiting (the
 * second field): either change starts the estimate again from the kernel's value, so what is
 * wrongly added while it waits is not kept.
 */
final class TaskClock {
    /** Two ticks at 250 Hz: a value this old means the process is not running (stopped, or waiting for a CPU). */
    private static final long LARGEST_GAP_NANOS = 8_000_000;

    private final int pid;
    private long base;
    private long seen = -1, seenWaiting = -1, seenAt;

    /** A clock from now (0) of process {@code pid}. */
    TaskClock(int pid) {
        this.pid = pid;
        long[] value = read(pid);
        this.base = value == null ? 0 : value[0];
    }

    /** The process's CPU time since this clock was made, estimated between the kernel's updates; -1 once it is gone. */
    long nanos() {
        long now = System.nanoTime();
        long[] value = read(pid);
        if (value == null) return -1;
        if (value[0] != seen || value[1] != seenWaiting) {
            seen = value[0];
            seenWaiting = value[1];
            seenAt = now;
        }
        return seen - base + Math.min(now - seenAt, LARGEST_GAP_NANOS);
    }

    /**
     * Runs {@code work} on the stopped process and leaves the CPU time it charges to the process
     * out of this clock (a checkpoint is a fork the process itself makes: a run that is cut often
     * would otherwise seem to take longer than the run that measured it, and its last cuts would
     * not be reached). A stopped process's time is exact.
     */
    <T> T excluding(java.util.function.Supplier<T> work) {
        long[] before = read(pid);
        T result = work.get();
        long[] after = read(pid);
        if (before != null && after != null) base += after[0] - before[0];
        return result;
    }

    /** The process's time on a CPU and waiting for one, as the kernel last updated them; null once it is gone. */
    private static long[] read(int pid) {
        try {
            String[] f = Files.readString(Path.of("/proc/" + pid + "/schedstat")).trim().split(" ");
            return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
