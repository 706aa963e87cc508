package dev.hindsight.dap.session;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells whether the running program is blocked reading its standard input, so a page can say
 * "waiting for input" instead of a bare "running". The engine cannot see it (the program runs
 * freely between stops), the kernel can: {@code /proc/PID/task/TID/syscall} of a thread blocked in a
 * system call starts with its number and first argument, "0 0x0" for {@code read(0, …)}. Polled
 * every {@link #PERIOD_MILLIS} while the program runs, only changes are told (on the session thread).
 * One periodic poll serves every run: a step runs for microseconds, and scheduling and cancelling
 * a poll for each woke the poller thread once per step (and left the cancelled polls queued until
 * their time came); the poll ends itself when it finds the program halted.
 */
final class InputWait {
    static final long PERIOD_MILLIS = 100;
    private static final ScheduledExecutorService POLLER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hindsight-input-wait");
        t.setDaemon(true);
        return t;
    });

    /** One run of the program, from a resumption to its stop: a poll's answer counts only within it. */
    private record Run(int pid) { }

    private final Consumer<Runnable> sessionThread;
    private final Consumer<Boolean> tell;
    /** The run going on now, null while the program is halted; a new object for each resumption. */
    private volatile Run current;
    private ScheduledFuture<?> polling; // guarded by this
    private boolean waiting;

    /** @param tell sends the change to the client; called on the session thread */
    InputWait(Consumer<Runnable> sessionThread, Consumer<Boolean> tell) {
        this.sessionThread = sessionThread;
        this.tell = tell;
    }

    /** The program of {@code pid} runs from now on (session thread). */
    void running(int pid) {
        current = new Run(pid);
        synchronized (this) {
            if (polling == null) polling = POLLER.scheduleWithFixedDelay(this::poll, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void poll() {
        Run run = current;
        if (run == null) {
            synchronized (this) {
                if (current == null && polling != null) {
                    polling.cancel(false);
                    polling = null;
                }
            }
            return;
        }
        boolean now = readingStdin(run.pid());
        sessionThread.accept(() -> {
            if (current != run || now == waiting) return; // the program stopped since: the answer is stale
            waiting = now;
            tell.accept(now);
        });
    }

    /** The program stopped or ended (session thread): told as no longer waiting, before its stop is. */
    void halted() {
        current = null;
        if (waiting) {
            waiting = false;
            tell.accept(false);
        }
    }

    /** Another program replaces it: nothing is told. */
    void forget() {
        current = null;
        waiting = false;
    }

    /** True when a thread of {@code pid} is blocked in {@code read} on file descriptor 0. */
    static boolean readingStdin(int pid) {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Integer.toString(pid), "task"))) {
            for (Path task : tasks) {
                if (readsStdin(Files.readString(task.resolve("syscall")))) return true;
            }
        } catch (IOException | RuntimeException e) {
            return false; // gone or not ours to read: nothing to tell
        }
        return false;
    }

    /** A {@code /proc/…/syscall} line: "NR ARG0 …" while blocked, "running" or "-1 …" otherwise. */
    static boolean readsStdin(String syscallLine) {
        String[] f = syscallLine.trim().split(" ");
        return f.length > 1 && f[0].equals("0") && f[1].equals("0x0");
    }
}
