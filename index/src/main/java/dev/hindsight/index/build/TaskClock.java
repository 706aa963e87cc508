package dev.hindsight.index.build;

import dev.hindsight.tracer.sys.Files;
import dev.hindsight.tracer.sys.PerfEvents;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How long a process (its main thread: a replay's only one) has run on a CPU, in ns. Cuts are
 * placed by it rather than by the wall clock: at full speed a replay spends most of its wall time
 * stopped at system calls while the tracer works, and those stops are cheap to single-step
 * through, while CPU time grows with the instructions the program runs; and on a loaded machine a
 * replay waits for a CPU, which the wall clock would count.
 *
 * <p>The kernel keeps another process's CPU time ({@code /proc/PID/schedstat}, and
 * {@code clock_gettime} of its CPU clock) up to date only at its scheduler ticks and switches
 * (measured here: every 4–8 ms while it computes, while a run of 50 million instructions computes
 * for about 20 ms). A perf task-clock counter ({@link PerfEvents#openTaskClock}) is exact at every
 * read, the current slice included. Where the kernel refuses perf events (a container's seccomp
 * filter, perf_event_paranoid 3) {@link #nanos()} falls back to an estimate: the kernel's value
 * plus the wall time since it last changed (at most {@link #LARGEST_GAP_NANOS}), which a loaded
 * machine makes wrong (a process waiting for a CPU seems to compute), so cuts land far from
 * their marks there.
 */
final class TaskClock implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TaskClock.class.getName());
    /** Two ticks at 250 Hz: a value this old means the process is not running (stopped, or waiting for a CPU). */
    private static final long LARGEST_GAP_NANOS = 8_000_000;

    private final int pid;
    /** The task-clock counter, or -errno when the estimate is used. */
    private final int counter;
    private long base;
    private long seen = -1, seenWaiting = -1, seenAt;

    /** A clock from now (0) of process {@code pid}. */
    TaskClock(int pid) {
        this.pid = pid;
        this.counter = PerfEvents.openTaskClock(pid);
        if (counter < 0) {
            LOG.log(System.Logger.Level.INFO, "no perf task clock (errno {0}): estimating CPU time from the scheduler's ticks, less exactly on a loaded machine", -counter);
        }
        long exact = exactNanos();
        this.base = exact < 0 ? 0 : exact;
    }

    /** The process's CPU time since this clock was made; -1 once it cannot be read. */
    long nanos() {
        if (counter >= 0) {
            long value = PerfEvents.read(counter);
            return value < 0 ? -1 : value - base;
        }
        long now = System.nanoTime();
        long[] value = schedstat(pid);
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
     * not be reached). A stopped process's time is exact either way.
     */
    <T> T excluding(java.util.function.Supplier<T> work) {
        long before = exactNanos();
        T result = work.get();
        long after = exactNanos();
        if (before >= 0 && after >= 0) base += after - before;
        return result;
    }

    @Override
    public void close() {
        Files.closeQuietly(counter);
    }

    /** The counter's value, or the kernel's last update of the process's time; -1 if neither can be read. */
    private long exactNanos() {
        if (counter >= 0) return PerfEvents.read(counter);
        long[] value = schedstat(pid);
        return value == null ? -1 : value[0];
    }

    /** The process's time on a CPU and waiting for one, as the kernel last updated them; null once it is gone. */
    private static long[] schedstat(int pid) {
        try {
            String[] f = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/schedstat")).trim().split(" ");
            return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
