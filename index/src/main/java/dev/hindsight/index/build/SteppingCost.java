package dev.hindsight.index.build;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time one shard's stepping costs per instruction: its ptrace thread's and its tracee's,
 * between the first and the last sample (taken on the ptrace thread every 65,536 instructions).
 * CPU time, unlike steps per second of wall time, barely changes when other work shares the CPU,
 * so the bench's A/B comparisons on a loaded machine use it (misc/bench/shard-rate.sh).
 */
final class SteppingCost {
    private long firstCount = -1, firstTracer, firstTracee, lastCount, lastTracer, lastTracee;

    /** On the ptrace thread, after {@code count} instructions of the tracee {@code tid}. */
    void sample(long count, int tid) {
        long tracer = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long tracee = traceeCpuNanos(tid);
        if (tracer < 0 || tracee < 0) return;
        if (firstCount < 0) {
            firstCount = count;
            firstTracer = tracer;
            firstTracee = tracee;
        }
        lastCount = count;
        lastTracer = tracer;
        lastTracee = tracee;
    }

    /** Instructions between the first and the last sample (0: too few to say). */
    long instructions() {
        return firstCount < 0 ? 0 : lastCount - firstCount;
    }

    /** Nanoseconds of the ptrace thread's CPU per instruction over {@link #instructions()}. */
    double tracerNanos() {
        return (double) (lastTracer - firstTracer) / Math.max(1, instructions());
    }

    /** Nanoseconds of the tracee's CPU per instruction over {@link #instructions()}. */
    double traceeNanos() {
        return (double) (lastTracee - firstTracee) / Math.max(1, instructions());
    }

    /** The first field of /proc/PID/schedstat: nanoseconds on a CPU. -1 when unreadable. */
    private static long traceeCpuNanos(int tid) {
        try {
            String s = Files.readString(Path.of("/proc/" + tid + "/schedstat"));
            return Long.parseLong(s.substring(0, s.indexOf(' ')));
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }
}
