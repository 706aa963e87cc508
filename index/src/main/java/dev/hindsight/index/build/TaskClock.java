package dev.hindsight.index.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long a process has run on a CPU ({@code /proc/PID/schedstat}'s first field, in ns). Cuts
 * are placed by it rather than by the wall clock: at full speed a replay spends most of its wall
 * time stopped at system calls while the tracer works, and those stops are cheap to single-step
 * through, while CPU time grows with the instructions the program runs.
 */
final class TaskClock {
    private TaskClock() {}

    /** The process's CPU time so far; -1 once it is gone. */
    static long nanos(int pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/schedstat"));
            return Long.parseLong(s.substring(0, s.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
