package dev.hindsight.dap.session;

import dev.hindsight.index.build.Builder;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.ProgramStdio;
import dev.hindsight.tracer.ProgramTerminal;
import dev.hindsight.tracer.confine.Sandbox;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.record.RecordingRefused;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A launch with {@code "record": true}, between the launch and the recording's opening: the
 * program runs once, recorded (its output reaches the client as it is written, and the client's
 * {@code writeStdin} reaches it, as a live program's would), then the run is indexed
 * ({@code hindsight build}), then {@code opened} gets the trace directory. Runs on its own thread;
 * the session thread only starts and cancels it. The program gets the terminal a live launch would
 * get (the web page's pseudo-terminal: output at the line that printed it, a prompt before the
 * read that waits for its answer), else pipes; its master is closed when the recording ends.
 *
 * <p>Both phases are bounded, because the program may be a stranger's endless loop and an index
 * costs the server about 20 µs per instruction: the recorded program may use
 * {@link #RECORD_CPU_MILLIS} of CPU time (a learner's program needs a few milliseconds), and the
 * build may take {@link #BUILD_SECONDS}. Past either, the recording is dropped with a message
 * saying which bound was reached.
 */
final class RecordedLaunch {
    static final long RECORD_CPU_MILLIS = 2_000;
    static final long BUILD_SECONDS = 120;
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ of /proc/PID/stat on Linux

    /** What the recording reports to the session, on the recording's thread. */
    interface Listener {
        /** The program's output as it is written ("stdout"/"stderr"); {@code sent} runs once it went out. */
        void output(String category, String text, Runnable sent);

        /** A line about the recording's progress. */
        void progress(String text);

        /** The run is recorded and indexed: open it. */
        void opened(Path traceDir);

        /** The recording could not be made or indexed; {@code reason} says why, in a user's words. */
        void failed(String reason);
    }

    private final Recorder.Cancel cancel = new Recorder.Cancel();
    private final Sandbox sandbox;
    private volatile ProgramStdio stdio;
    private final LaunchSpec.Terminal onTerminal;
    private volatile ProgramTerminal terminal;
    private volatile boolean cancelled;
    private volatile String overBudget;
    private final Thread thread;

    private RecordedLaunch(Recorder.Options options, Path traceDir, Sandbox sandbox, LaunchSpec.Terminal onTerminal, Listener listener) {
        this.sandbox = sandbox;
        this.onTerminal = onTerminal;
        this.thread = new Thread(() -> run(options, traceDir, listener), "dap-record");
        thread.setDaemon(true);
    }

    /**
     * @param exe      the program, already built
     * @param sandbox  the session's sandbox (null when the session is not confined): the recorded
     *                 program and the build's replays run in it
     * @param terminal the program's terminal, as a live launch's {@link LaunchSpec#terminal()}; null: pipes
     */
    static RecordedLaunch start(Path exe, LaunchArguments a, List<String> environment, Path cwd, Path traceDir,
                                Sandbox sandbox, LaunchSpec.Terminal terminal, Listener listener) {
        Recorder.Options o = Recorder.Options.of(exe, a.argsOrEmpty()).withTraceDir(traceDir);
        o = sandbox != null ? o.confinedIn(sandbox, cwd) : o.withEnvironment(environment, cwd);
        RecordedLaunch r = new RecordedLaunch(o, traceDir, sandbox, terminal, listener);
        r.thread.start();
        return r;
    }

    /** The recorded program's stdin while it runs; empty before it started and after it ended. */
    Optional<OutputStream> stdin() {
        ProgramStdio s = stdio;
        return s == null ? Optional.empty() : Optional.ofNullable(s.stdin());
    }

    /** Whether the program's stdin is a terminal of ours (end of input is typed: {@link ProgramTerminal#EOF}). */
    boolean onTerminal() {
        return onTerminal != null && onTerminal.device() == null;
    }

    /** Stops the recording or the build; the listener hears nothing more. */
    void cancel() {
        cancelled = true;
        cancel.cancel();
        thread.interrupt();
        // The build's replays are processes of the session's sandbox (or children of this JVM).
        if (sandbox != null) sandbox.killAll();
    }

    private void run(Recorder.Options options, Path traceDir, Listener listener) {
        try {
            listener.progress("Recording the run…\n");
            List<CompletableFuture<Void>> drained = new java.util.ArrayList<>();
            Thread watchdog = cpuWatchdog();
            Recorder.Result recorded;
            try {
                Recorder.Options o = options.cancelledBy(cancel).withStdio(
                        LaunchSpec.Stdio.PIPE, LaunchSpec.Stdio.PIPE, LaunchSpec.Stdio.PIPE, fds -> {
                            ProgramStdio s = ProgramStdio.adopt(fds);
                            stdio = s;
                            drained.add(OutputPump.start(s.stdout(), "record-stdout", (t, sent) -> listener.output("stdout", t, sent)).done());
                            drained.add(OutputPump.start(s.stderr(), "record-stderr", (t, sent) -> listener.output("stderr", t, sent)).done());
                        });
                if (onTerminal != null) {
                    // On a terminal stdout and stderr are one stream, as for a live program.
                    o = o.withTerminal(onTerminal, t -> {
                        terminal = t;
                        stdio = new ProgramStdio(t.input(), t.output(), null);
                        drained.add(OutputPump.start(t.output(), "record-terminal", (x, sent) -> listener.output("stdout", x, sent)).done());
                    });
                }
                recorded = Recorder.record(o);
            } finally {
                watchdog.interrupt();
            }
            CompletableFuture.allOf(drained.toArray(CompletableFuture[]::new)).get(10, java.util.concurrent.TimeUnit.SECONDS);
            closeStdio();
            if (recorded.exit().killedBySignal() && "SIGKILL".equals(recorded.exit().signal().name())) {
                String limit = sandbox == null ? null : sandbox.limitReached(recorded.exit()).orElse(null);
                throw new RecordingRefused("the program was killed" + (limit != null ? " (" + limit + ")" : " by SIGKILL")
                        + " before it ended: a recording must end by itself");
            }
            if (sandbox != null) handOver(traceDir, sandbox.uid());
            listener.progress("Recorded the run (" + recorded.events() + " events; the program " + ending(recorded) + "); indexing every instruction of it…\n");
            Builder.Result built = buildBounded(traceDir);
            listener.progress(String.format(java.util.Locale.ROOT,
                    "Indexed %,d instructions in %.1f s. Step backwards as well as forwards; the program's output appears again as the run is replayed.%n",
                    built.instructions(), built.seconds()));
            if (!cancelled) listener.opened(traceDir);
        } catch (Exception e) {
            closeStdio();
            if (cancelled && overBudget == null) return;
            listener.failed(overBudget != null ? overBudget : reason(e));
        }
    }

    private Builder.Result buildBounded(Path traceDir) throws Exception {
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(BUILD_SECONDS * 1000);
                overBudget = "indexing the run took more than " + BUILD_SECONDS + " s (the index costs about 20 µs per"
                        + " instruction): Record is for short runs; debug this program without recording it";
                cancel();
            } catch (InterruptedException e) {
                // the build ended first
            }
        }, "dap-record-build-timer");
        timer.setDaemon(true);
        timer.start();
        try {
            return Builder.build(traceDir, Math.max(2, Runtime.getRuntime().availableProcessors()), sandbox, false);
        } finally {
            timer.interrupt();
        }
    }

    /**
     * Gives the trace to the sandbox's user, as if that user had recorded it: the build replays it
     * confined, as that user (a root server's sessions each run as a user of their own), and a
     * trace is private to its owner.
     */
    private static void handOver(Path traceDir, int uid) throws java.io.IOException {
        if (((Integer) Files.getAttribute(traceDir, "unix:uid")) == uid) return;
        try (var files = Files.walk(traceDir)) {
            for (Path p : files.toList()) Files.setAttribute(p, "unix:uid", uid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Cancels the recording when the program has used more CPU time than a recording may. */
    private Thread cpuWatchdog() {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(50);
                    int pid = cancel.runningPid();
                    if (pid > 0 && cpuMillis(pid) > RECORD_CPU_MILLIS) {
                        overBudget = "the program used more than " + RECORD_CPU_MILLIS / 1000 + " s of CPU time while recorded:"
                                + " Record is for short runs (a recording is indexed instruction by instruction); debug this"
                                + " program without recording it";
                        cancel();
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // the recording ended
            }
        }, "dap-record-cpu");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** utime + stime of a process, or 0 when it is gone. */
    static long cpuMillis(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14 and 15 of stat(5), counted from the state (field 3) after the command name.
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String ending(Recorder.Result r) {
        var exit = r.exit();
        return exit.killedBySignal() ? "was killed by " + exit.signal().name() : "exited with code " + exit.exitCode();
    }

    private void closeStdio() {
        ProgramStdio s = stdio;
        stdio = null;
        ProgramTerminal t = terminal;
        if (t != null) t.close();
        if (s != null) s.close();
    }

    private static String reason(Throwable e) {
        Throwable c = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
        String m = c.getMessage();
        return m == null || m.isBlank() ? c.getClass().getSimpleName() : m;
    }
}
