package dev.hindsight.tracer.record;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.ProgramTerminal;
import dev.hindsight.tracer.ResourceLimits;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.backend.Resume;
import dev.hindsight.tracer.backend.StepObserver;
import dev.hindsight.tracer.confine.Sandbox;
import dev.hindsight.tracer.confine.SeccompFilter;
import dev.hindsight.tracer.ptrace.PtraceBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/** Records one run of a program into a trace directory (see the package documentation). */
public final class Recorder {
    /**
     * What to record.
     *
     * @param traceDir     where the trace goes (created, must be empty); null: {@code ./hindsight-traces/NAME-N} with a {@code latest} link
     * @param stdio        the program's stdin, stdout, stderr (INHERIT for a terminal session)
     * @param stepObserver test-only: single-step the whole run and show every step's registers; null runs at full speed
     * @param terminal     the program's stdin, stdout and stderr on a terminal instead of {@code stdio}; null: none
     * @param syscallBuffer whether libc's read and write are recorded through the system-call buffer ({@link #withSyscallBuffer})
     */
    public record Options(Path program, List<String> args, List<String> environment, Path workingDirectory,
                          Path traceDir, LaunchSpec.Stdio[] stdio, StepObserver stepObserver,
                          java.util.function.Consumer<int[]> stdioReady, Sandbox sandbox, Cancel cancel, OnTerminal terminal,
                          boolean syscallBuffer) {
        public static Options of(Path program, List<String> args) {
            return new Options(program, args, LaunchSpec.inheritedEnvironment(), null, null,
                    new LaunchSpec.Stdio[] {LaunchSpec.Stdio.INHERIT, LaunchSpec.Stdio.INHERIT, LaunchSpec.Stdio.INHERIT}, null, null,
                    null, null, null, true);
        }

        public Options withTraceDir(Path dir) {
            return new Options(program, args, environment, workingDirectory, dir, stdio, stepObserver, stdioReady, sandbox, cancel, terminal, syscallBuffer);
        }

        /** PIPE streams are handed to {@code ready} (our ends: stdin, stdout, stderr; -1 where not piped; the caller owns them) once the program started. */
        public Options withStdio(LaunchSpec.Stdio in, LaunchSpec.Stdio out, LaunchSpec.Stdio err, java.util.function.Consumer<int[]> ready) {
            return new Options(program, args, environment, workingDirectory, traceDir, new LaunchSpec.Stdio[] {in, out, err}, stepObserver, ready,
                    sandbox, cancel, terminal, syscallBuffer);
        }

        public Options withStdio(LaunchSpec.Stdio in, LaunchSpec.Stdio out, LaunchSpec.Stdio err) {
            return withStdio(in, out, err, null);
        }

        public Options withStepObserver(StepObserver observer) {
            return new Options(program, args, environment, workingDirectory, traceDir, stdio, observer, stdioReady, sandbox, cancel, terminal, syscallBuffer);
        }

        /**
         * Runs the recorded program confined (as a web session's programs are), with the sandbox's
         * environment and working directory {@code cwd}: a program sent by a stranger is recorded
         * as it would be debugged.
         */
        public Options confinedIn(Sandbox box, Path cwd) {
            return new Options(program, args, box.environment(), cwd, traceDir, stdio, stepObserver, stdioReady, box, cancel, terminal, syscallBuffer);
        }

        /** The program's environment (in this order) and working directory (null: ours). */
        public Options withEnvironment(List<String> env, Path cwd) {
            return new Options(program, args, env, cwd, traceDir, stdio, stepObserver, stdioReady, sandbox, cancel, terminal, syscallBuffer);
        }

        /**
         * With the system-call buffer (on by default): the program's {@code read} and {@code write}
         * calls through libc's functions are recorded without stopping it (see the package
         * documentation); off, every system call stops the recorder.
         */
        public Options withSyscallBuffer(boolean on) {
            return new Options(program, args, environment, workingDirectory, traceDir, stdio, stepObserver, stdioReady, sandbox, cancel, terminal, on);
        }

        /** {@code cancel} can stop the recording from another thread; the trace is then removed. */
        public Options cancelledBy(Cancel c) {
            return new Options(program, args, environment, workingDirectory, traceDir, stdio, stepObserver, stdioReady, sandbox, c, terminal, syscallBuffer);
        }

        /**
         * The program's stdio on {@code t} (as a live launch's {@link LaunchSpec#terminal()}); the
         * master of a new pseudo-terminal goes to {@code ready} once the program started (the
         * caller owns it). What the program learns from the terminal (its ioctls, the lines it
         * reads) are system call results, recorded as any others, so a replay needs no terminal.
         */
        public Options withTerminal(LaunchSpec.Terminal t, java.util.function.Consumer<ProgramTerminal> ready) {
            return new Options(program, args, environment, workingDirectory, traceDir, stdio, stepObserver, stdioReady, sandbox, cancel,
                    t == null ? null : new OnTerminal(t, ready), syscallBuffer);
        }
    }

    /** A terminal for the program's stdio, and who takes its master ({@link Options#withTerminal}). */
    public record OnTerminal(LaunchSpec.Terminal terminal, java.util.function.Consumer<ProgramTerminal> ready) {}

    /**
     * Stops a recording under way from another thread (a session that ends, a user who gives up):
     * the program is killed and {@link #record} throws {@link RecordingRefused} after removing the
     * half-written trace. Cancelling before the program started kills it as soon as it starts.
     */
    public static final class Cancel {
        private PtraceBackend running;
        private boolean cancelled;

        public void cancel() {
            PtraceBackend b;
            synchronized (this) {
                cancelled = true;
                b = running;
            }
            if (b != null) b.kill();
        }

        /** The recorded program's process id while it runs (0 before it started). */
        public synchronized int runningPid() {
            return running == null ? 0 : running.pid();
        }

        public synchronized boolean cancelled() {
            return cancelled;
        }

        synchronized boolean started(PtraceBackend b) {
            running = b;
            return !cancelled;
        }
    }

    /** A finished recording: where it is, how the program ended ({@link #exitStatus()}), and what to tell the user. */
    public record Result(Path traceDir, StopEvent.Exited exit, long events, List<Integer> unrecordedChildren, List<String> warnings) {
        /** The status a shell would see: the exit code, or 128 + the signal that killed it. */
        public int exitStatus() {
            return exit.killedBySignal() ? 128 + exit.signal().number() : exit.exitCode();
        }
    }

    private Recorder() {}

    /**
     * Runs and records the program to its end.
     *
     * @throws RecordingRefused when the program does something a recording cannot capture (the trace is removed)
     */
    public static Result record(Options o) throws IOException {
        Path program = o.program().toAbsolutePath().normalize();
        Path dir = o.traceDir() != null ? TraceDirectory.create(o.traceDir())
                : TraceDirectory.createDefault(Path.of("hindsight-traces"), program.getFileName().toString());
        try {
            Result r = recordInto(dir, program, o);
            if (o.traceDir() == null) TraceDirectory.linkLatest(dir);
            return r;
        } catch (RuntimeException | IOException e) {
            deleteTree(dir);
            throw e;
        }
    }

    private static Result recordInto(Path dir, Path program, Options o) throws IOException {
        SyscallBuffer.ConfinedLibrary confinedLibrary = null;
        try {
            return recordInto(dir, program, o, confinedLibrary = o.syscallBuffer() && o.sandbox() != null
                    ? SyscallBuffer.libraryIn(o.sandbox().writable()) : null);
        } finally {
            if (confinedLibrary != null) confinedLibrary.close();
        }
    }

    private static Result recordInto(Path dir, Path program, Options o, SyscallBuffer.ConfinedLibrary confinedLibrary) throws IOException {
        TraceFiles files = new TraceFiles(dir);
        String exeName = files.copy(program);
        List<String> environment = o.environment();
        if (o.syscallBuffer()) {
            environment = new ArrayList<>(environment);
            environment.removeIf(e -> e.startsWith("LD_PRELOAD="));
            String preload = o.environment().stream().filter(e -> e.startsWith("LD_PRELOAD=")).map(e -> e.substring(11)).findFirst().orElse("");
            Path library = confinedLibrary != null ? confinedLibrary.path() : SyscallBuffer.library();
            environment.add("LD_PRELOAD=" + library + (preload.isEmpty() ? "" : " " + preload));
            if (o.sandbox() != null) {
                // The confinement's refusals outrank the buffer's filter and leave no event: the replay evaluates them (ConfinementFilter).
                Files.write(dir.resolve(TraceDirectory.CONFINEMENT_FILTER), SeccompFilter.program());
            }
        }
        LaunchSpec spec = new LaunchSpec(program, o.args(), environment, o.workingDirectory(), o.stdio()[0], o.stdio()[1],
                o.stdio()[2], true, true, ResourceLimits.DEFAULT, o.sandbox(), o.terminal() == null ? null : o.terminal().terminal());
        try (EventLog.Writer log = new EventLog.Writer(dir.resolve(TraceDirectory.EVENTS))) {
            PtraceBackend b = PtraceBackend.launch(spec, t -> {}, t -> {});
            try {
                int pid = b.pid();
                if (o.cancel() != null && !o.cancel().started(b)) b.kill();
                if (o.stdioReady() != null) o.stdioReady().accept(b.stdioFds());
                if (b.terminalFd() >= 0) handOverTerminal(ProgramTerminal.adopt(b.terminalFd()), o.terminal().ready());
                RecordingHook hook = new RecordingHook(log, files);
                InitialState initial = InitialState.prepareForRecording(b, pid);
                String interpreter = initial.interpreterPath() == null ? null : files.copy(initial.interpreterPath());
                initial.write(dir.resolve(TraceDirectory.INITIAL));
                b.setSyscallHook(hook);
                StopEvent.Exited exit;
                try {
                    exit = run(b, pid, o.stepObserver());
                } finally {
                    hook.keptChildren.close();
                }
                for (int child : hook.keptChildren.released()) {
                    hook.warnings.add("child " + child + " was still running when the program ended: it was let go, and its system calls fail"
                            + " from then on (ENOSYS from the system-call buffer's filter)");
                }
                if (o.cancel() != null && o.cancel().cancelled()) throw new RecordingRefused("the recording was cancelled");
                log.close();
                SourceCopies.copy(program, dir);
                writeMeta(dir, o, environment, program, exeName, interpreter, initial, hook, exit, log.count(), files.copies());
                return new Result(dir, exit, log.count(), List.copyOf(hook.unrecordedChildren), List.copyOf(hook.warnings));
            } finally {
                b.close();
            }
        }
    }

    private static void handOverTerminal(ProgramTerminal t, java.util.function.Consumer<ProgramTerminal> ready) {
        if (ready == null) t.close();
        else ready.accept(t);
    }

    private static StopEvent.Exited run(PtraceBackend b, int pid, StepObserver observer) {
        try {
            while (true) {
                StopEvent e = observer == null ? b.resume(Resume.proceed(pid)).join() : b.trace(pid, Long.MAX_VALUE, observer).join();
                if (e instanceof StopEvent.Exited x) return x;
                // A stop (a signal the program got, a pause): it goes on; a pending signal is delivered.
            }
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    private static void writeMeta(Path dir, Options o, List<String> environment, Path program, String exe, String interpreter, InitialState initial,
                                  RecordingHook hook, StopEvent.Exited exit, long events, Map<Path, String> copies) throws IOException {
        StringBuilder m = new StringBuilder();
        java.util.function.BiConsumer<String, Object> put = (k, v) -> m.append(escape(k)).append('=').append(escape(String.valueOf(v))).append('\n');
        put.accept("format", TraceDirectory.FORMAT);
        put.accept("version", TraceDirectory.VERSION);
        put.accept("arch", "x86_64");
        put.accept("kernel", read("/proc/sys/kernel/osrelease"));
        put.accept("cpu.model", cpuModel());
        long[] c1 = hook.presented(1, 0), c7 = hook.presented(7, 0);
        if (c1 != null) put.accept("cpuid.1", hex(c1));
        if (c7 != null) put.accept("cpuid.7", hex(c7));
        put.accept("program", program);
        put.accept("executable", TraceDirectory.FILES + "/" + exe);
        if (interpreter != null) put.accept("interpreter", TraceDirectory.FILES + "/" + interpreter);
        put.accept("args", o.args().size());
        for (int i = 0; i < o.args().size(); i++) put.accept("arg." + i, o.args().get(i));
        put.accept("env", environment.size());
        for (int i = 0; i < environment.size(); i++) put.accept("env." + i, environment.get(i));
        put.accept("syscall.buffer", hook.buffered());
        if (o.syscallBuffer() && o.sandbox() != null) put.accept("confinement.filter", TraceDirectory.CONFINEMENT_FILTER);
        put.accept("cwd", o.workingDirectory() == null ? Path.of("").toAbsolutePath() : o.workingDirectory());
        int f = 0;
        for (var e : copies.entrySet()) put.accept("file." + f++, e.getValue() + " " + e.getKey());
        put.accept("initial.stack.address", "0x" + Long.toHexString(initial.stackAddress()));
        put.accept("events", events);
        put.accept("exit.code", exit.exitCode());
        if (exit.signal() != null) put.accept("exit.signal", exit.signal().number());
        StringBuilder kids = new StringBuilder();
        for (int k : hook.unrecordedChildren) kids.append(kids.length() == 0 ? "" : " ").append(k);
        put.accept("forks.unrecorded", kids);
        for (int i = 0; i < hook.warnings.size(); i++) put.accept("warning." + i, hook.warnings.get(i));
        m.append("complete=true\n");
        Path tmp = dir.resolve(TraceDirectory.META + ".tmp");
        Files.writeString(tmp, m, StandardCharsets.ISO_8859_1);
        Files.move(tmp, dir.resolve(TraceDirectory.META), StandardCopyOption.ATOMIC_MOVE);
    }

    private static String hex(long[] v) {
        StringBuilder s = new StringBuilder();
        for (long x : v) s.append(s.length() == 0 ? "" : " ").append(Long.toHexString(x));
        return s.toString();
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == '=' || c == ':' || c == '#' || c == '!') out.append('\\').append(c);
            else if (c == '\n') out.append("\\n");
            else if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        String r = out.toString();
        return r.startsWith(" ") ? "\\" + r : r;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) return l.substring(l.indexOf(':') + 1).trim();
            }
        } catch (IOException e) {
            // not fatal
        }
        return "unknown";
    }

    static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }
}
