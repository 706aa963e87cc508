package dev.hindsight.tracer.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import dev.hindsight.tracer.arch.Architecture;

/**
 * perf_event_open(2) software counters, for the one thing no other call gives: another process's
 * CPU time up to this nanosecond. The kernel brings a task's CPU time ({@code /proc/PID/schedstat},
 * and {@code clock_gettime} of {@code clock_getcpuclockid(pid)} too, measured on 6.18) up to date
 * only at its scheduler ticks and switches, unless the caller is the task itself; reading a
 * task-clock counter asks the CPU the task runs on for its current slice.
 */
public final class PerfEvents {
    /** perf_event_open's number (x86-64: 298; AArch64's generic table: 241). */
    private static final long SYS_PERF_EVENT_OPEN = Architecture.host().name().equals("aarch64") ? 241 : 298;
    private static final int PERF_TYPE_SOFTWARE = 1, PERF_COUNT_SW_TASK_CLOCK = 1, PERF_ATTR_SIZE_VER0 = 64;
    /** perf_event_attr's flag bits: exclude_kernel, exclude_hv (a perf_event_paranoid of 2 allows only user-side counting). */
    private static final long EXCLUDE_KERNEL = 1L << 5, EXCLUDE_HV = 1L << 6;
    private static final int PERF_FLAG_FD_CLOEXEC = 8;

    static {
        Native.register(PerfEvents.class, "c");
    }

    private PerfEvents() {}

    private static native long syscall(long number, long attr, long pid, long cpu, long groupFd, long flags) throws LastErrorException;

    private static native long read(int fd, long buf, long count) throws LastErrorException;

    /**
     * A counter of the nanoseconds thread {@code tid} (of any process this one may trace) runs on
     * a CPU from now on, on whichever CPU; its file descriptor, or -errno if the kernel refuses
     * (no perf events in this kernel or container, or a stricter perf_event_paranoid).
     */
    public static int openTaskClock(int tid) {
        NativeBuffer attr = NativeBuffer.allocate(PERF_ATTR_SIZE_VER0);
        attr.setInt(0, PERF_TYPE_SOFTWARE);
        attr.setInt(4, PERF_ATTR_SIZE_VER0);
        attr.setLong(8, PERF_COUNT_SW_TASK_CLOCK);
        attr.setLong(40, EXCLUDE_KERNEL | EXCLUDE_HV);
        try {
            return (int) syscall(SYS_PERF_EVENT_OPEN, attr.address(), tid, -1, -1, PERF_FLAG_FD_CLOEXEC);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    /** The counter's value now (a task that has exited keeps its last); -1 if it cannot be read. EINTR is retried. */
    public static long read(int fd) {
        NativeBuffer value = NativeBuffer.allocate(8);
        while (true) {
            try {
                return read(fd, value.address(), 8) == 8 ? value.getLong(0) : -1;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != NativeException.EINTR) return -1;
            }
        }
    }
}
