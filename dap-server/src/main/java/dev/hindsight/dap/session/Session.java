package dev.hindsight.dap.session;

import dev.hindsight.dap.DapSessionOptions;
import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.index.IndexReader;
import dev.hindsight.index.travel.OpenedRecording;
import dev.hindsight.tracer.LaunchException;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.TargetListener;
import dev.hindsight.tracer.compile.SessionDirectory;
import dev.hindsight.tracer.confine.Sandbox;
import dev.hindsight.tracer.disasm.Syntax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;

/**
 * The state of one debugging session, shared by the request handlers: the program (launched or
 * attached), the client's breakpoints, reference handles and run control. Every method runs on
 * the session's single thread (requests and engine events are queued onto it), so nothing here
 * needs locking and responses and events leave in a consistent order.
 */
public final class Session {
    private final DapSessionOptions options;
    private final IDebugProtocolClient client;
    private final Executor sessionThread;
    private final Handles handles = new Handles();
    private final BreakpointRegistry breakpoints = new BreakpointRegistry();
    private final ProgramBuilder builder = new ProgramBuilder();
    private final Events events;
    private final Execution execution;
    private final List<Runnable> afterResponse = new ArrayList<>();
    private final ProgramConsole console;
    private Runnable flush = () -> { };
    private final SignalFilters signals = new SignalFilters();
    private final ModuleEvents modules = new ModuleEvents();
    private final SourceReferences sourceReferences = new SourceReferences();
    private ClientFeatures features = ClientFeatures.defaults();
    private SessionDirectory directory;
    private Sandbox sandbox;
    private Debuggee debuggee;
    /** Present while the program is a built recording (reverse execution and history queries). */
    private Recording recording;
    /** Present while a launch with "record" records and indexes its run (there is no debuggee yet). */
    private RecordedLaunch recordingRun;
    private LaunchArguments recordingArguments;
    private boolean configurationDone;
    private boolean started;
    private boolean closed;
    private boolean noDebug;
    private Runnable closeRequest = () -> { };
    /** Set before the disconnect response leaves, read by other threads deciding whether to join. */
    private volatile boolean ending;

    public Session(DapSessionOptions options, IDebugProtocolClient client, Executor sessionThread) {
        this.options = options;
        this.client = client;
        this.sessionThread = sessionThread;
        this.events = new Events(client, this::positions);
        this.execution = new Execution(this);
        events.onStopReported(execution::stopReported);
        this.console = new ProgramConsole(options, client, text -> afterResponse(() -> events.console(text)), () -> flush.run());
        events.beforeStopReported(this::reportModules);
    }

    /** How messages held for the client are sent now (a reverse request the session thread then waits for). */
    public void flushWith(Runnable flush) {
        this.flush = flush;
    }

    /** From {@code initialize}: whether the client runs {@code runInTerminal} requests. */
    public void clientRunsTerminals(boolean yes) {
        console.clientRunsTerminals(yes);
    }

    public DapSessionOptions options() {
        return options;
    }

    public IDebugProtocolClient client() {
        return client;
    }

    public Events events() {
        return events;
    }

    public Handles handles() {
        return handles;
    }

    public Execution execution() {
        return execution;
    }

    public BreakpointRegistry breakpoints() {
        return breakpoints;
    }

    /** What the client announced in {@code initialize}. */
    public ClientFeatures features() {
        return features;
    }

    public void clientInitialized(ClientFeatures announced) {
        features = announced;
    }

    /** The one converter between the engine's lines and columns and the client's. */
    public Positions positions() {
        return features.positions();
    }

    /** Which signals stop the program (exception breakpoint filters). */
    public SignalFilters signalFilters() {
        return signals;
    }

    public SourceReferences sourceReferences() {
        return sourceReferences;
    }

    /** The trace directory when the program is a trace (recorded sources are kept in it), else null. */
    public Path traceDirectory() {
        if (debuggee == null || debuggee.launchArguments() == null || debuggee.launchArguments().trace() == null) return null;
        return Path.of(debuggee.launchArguments().trace()).toAbsolutePath().normalize();
    }

    /** Before each stopped event: libraries loaded or unloaded since the last one. */
    private void reportModules() {
        if (debuggee == null || debuggee.target().state() == Target.State.EXITED) return;
        try {
            modules.refresh(debuggee.target(), events);
        } catch (RuntimeException e) {
            events.console("cannot read the program's modules: " + e.getMessage() + "\n");
        }
    }

    /** Runs after the current request's response has been sent (e.g. the initialized event). */
    public void afterResponse(Runnable r) {
        afterResponse.add(r);
    }

    /** Called by the session thread after each message. */
    public void runAfterResponse() {
        List<Runnable> run = new ArrayList<>(afterResponse);
        afterResponse.clear();
        run.forEach(Runnable::run);
    }

    /** Queues work onto the session thread (from engine and pump threads). */
    public void post(Runnable r) {
        sessionThread.execute(r);
    }

    /** What {@code disconnect} calls after its response: ends the session. */
    public void onCloseRequested(Runnable r) {
        closeRequest = r;
    }

    public void requestClose() {
        closeRequest.run();
    }

    /** A new client took over the session: requests of the old one still waiting end. */
    public void clientReplaced() {
        execution.failAtNextStop("another client took over the session");
    }

    /** After a step request: waits up to {@code nanos} for its stop, whose event is then queued. */
    public void awaitQuickStop(long nanos) {
        execution.awaitQuickStop(nanos);
    }

    /** True once a disconnect was accepted: the session is about to close. */
    public boolean ending() {
        return ending;
    }

    // ---- the program -------------------------------------------------------------------------

    public boolean hasProgram() {
        return debuggee != null;
    }

    Debuggee debuggee() {
        return debuggee;
    }

    /** False when the program was launched with noDebug: breakpoints are kept but not installed. */
    public boolean breakpointsEnabled() {
        return !noDebug;
    }

    /** The recording's reverse half and index, when the program is a built trace. */
    public java.util.Optional<Recording> recording() {
        return java.util.Optional.ofNullable(recording);
    }

    /**
     * The recording, or a refusal naming {@code request}: a live program has no history, a trace
     * without an index can only be replayed forwards.
     */
    public Recording requireRecording(String request) {
        target();
        if (recording != null) return recording;
        throw new DapException(ErrorCode.NOT_AVAILABLE, "'" + request + "' needs a recorded run: launch with \"trace\" on a trace"
                + " built by `hindsight build` (this session debugs a " + (debuggee.launchArguments() != null
                && debuggee.launchArguments().trace() != null ? "trace without an index, replayed forwards only)" : "live program)"));
    }

    /** The program's target, or an error when there is none yet. */
    public Target target() {
        if (debuggee == null && recordingRun != null) {
            throw new DapException(ErrorCode.NOT_STOPPED, "the program is being recorded; it can be inspected once its recording opens");
        }
        if (debuggee == null) throw new DapException(ErrorCode.NOT_LAUNCHED, "no program: send 'launch' or 'attach' first");
        return debuggee.target();
    }

    /** The target, which must be stopped (not running, not ended). */
    public Target stoppedTarget() {
        Target t = target();
        switch (t.state()) {
            case RUNNING -> throw new DapException(ErrorCode.NOT_STOPPED, "the program is running; pause it first");
            case EXITED -> throw new DapException(ErrorCode.PROGRAM_EXITED, "the program has ended");
            default -> { }
        }
        return t;
    }

    /** VS Code's "Run Without Debugging": the program runs, breakpoints are not installed. */
    public void launch(LaunchArguments a, boolean noDebug) {
        this.noDebug = noDebug;
        launch(a);
    }

    public void launch(LaunchArguments a) {
        if (debuggee != null || recordingRun != null) throw new DapException(ErrorCode.INVALID_ARGUMENTS, "a program is already being debugged");
        Syntax syntax = syntax(a.disassemblyFlavor());
        if (a.trace() != null) {
            replay(a, syntax);
            return;
        }
        if (a.coreFile() != null) {
            if (!options.allowProgramPaths()) throw new DapException(ErrorCode.NOT_ALLOWED, "this server does not accept 'coreFile'");
            Target core = CoreDump.open(a);
            core.disassembly().setSyntax(syntax);
            adopt(core, a);
            return;
        }
        if (!options.allowProgramPaths() && a.cwd() != null) {
            throw new DapException(ErrorCode.NOT_ALLOWED, "this server does not accept 'cwd'");
        }
        Path cwd = a.cwd() != null ? Path.of(a.cwd()).toAbsolutePath() : a.sources() != null ? directory().path() : null;
        if (cwd != null && !Files.isDirectory(cwd)) throw new DapException(ErrorCode.LAUNCH_FAILED, "no such directory: " + cwd);
        Sandbox box = openSandbox(a, cwd);
        // The C library's source listing, the first stop's largest piece, is read while clang runs.
        if (ProgramBuilder.compilesAgainstLibc(a)) ModuleFiles.prefetchSystemLibrary();
        Path exe = builder.executable(a, options.allowProgramPaths(), directory(), box, events::diagnostic,
                features.progressReporting() ? events.compileProgress() : ProgramBuilder.Progress.NONE);
        LaunchSpec spec = LaunchSpec.of(exe, a.argsOrEmpty().toArray(String[]::new));
        if (a.env() != null) {
            spec = spec.withEnvironment(a.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        } else if (box != null) {
            // A confined program gets none of the server's environment (it may hold secrets).
            spec = spec.withEnvironment(box.environment());
        }
        spec = console.apply(spec.withWorkingDirectory(cwd).withSandbox(box), a.console(), cwd);
        if (Boolean.TRUE.equals(a.record())) {
            // Recorded on the terminal a live run would have: the recording keeps what it answers.
            record(exe, a, spec.environment(), cwd, box, spec.terminal(), syntax);
            return;
        }
        Target target;
        try {
            target = Target.launch(spec);
        } catch (LaunchException | IllegalArgumentException e) {
            console.close();
            throw new DapException(ErrorCode.LAUNCH_FAILED, "cannot start " + exe + ": " + e.getMessage(), e);
        }
        console.watch(target);
        target.disassembly().setSyntax(syntax);
        adopt(target, a);
    }

    /**
     * A launch with {@code "trace"}. A built trace (its index present) is opened over its index:
     * nothing runs, any time can be visited, and the client learns that stepping back works. A
     * trace without an index is replayed forwards, confined like a program when this server
     * confines (the trace directory readable inside), else unconfined.
     */
    private void replay(LaunchArguments a, Syntax syntax) {
        if (!options.allowProgramPaths()) throw new DapException(ErrorCode.NOT_ALLOWED, "this server does not accept 'trace'");
        Path dir = Path.of(a.trace()).toAbsolutePath().normalize();
        if (OpenedRecording.isBuilt(dir)) {
            openRecording(dir, a, syntax);
            return;
        }
        Target target;
        try {
            Sandbox box = options.confinement() == null ? null
                    : (sandbox = options.confinement().open(directory().path(), List.of(dir), directory().path()));
            target = Target.replay(dir, box);
        } catch (RuntimeException e) {
            throw new DapException(ErrorCode.LAUNCH_FAILED, "cannot replay " + dir + ": " + e.getMessage(), e);
        }
        target.disassembly().setSyntax(syntax);
        adopt(target, a);
        afterResponse(() -> events.console("This trace has no index: it is replayed forwards only. `hindsight build "
                + dir + "` enables reverse execution.\n"));
    }

    /**
     * A launch with {@code "record"}: the program runs recorded, then its run is indexed, then the
     * session continues on the recording as on a launch with {@code "trace"} (reverse execution
     * announced by a capabilities event). Until then requests about the program are refused.
     */
    private void record(Path exe, LaunchArguments a, List<String> environment, Path cwd, Sandbox box, LaunchSpec.Terminal terminal,
                        Syntax syntax) {
        Path traceDir = directory().path().resolve("recording-" + System.nanoTime());
        ProgramBuilder.Progress progress = features.progressReporting() ? events.progress("record") : ProgramBuilder.Progress.NONE;
        afterResponse(() -> progress.start("Recording " + exe.getFileName(), "the program runs recorded, then its run is indexed"));
        RecordedLaunch[] run = new RecordedLaunch[1];
        run[0] = RecordedLaunch.start(exe, a, environment, cwd, traceDir, box, terminal, new RecordedLaunch.Listener() {
            @Override
            public void output(String category, String text, Runnable sent) {
                Session.this.output(category, text, sent);
            }

            @Override
            public void progress(String text) {
                post(() -> {
                    if (recordingRun != run[0]) return;
                    events.console(text);
                    progress.update(text.strip());
                });
            }

            @Override
            public void opened(Path dir) {
                post(() -> {
                    if (recordingRun != run[0]) return;
                    recordingRun = null;
                    console.close(); // a client's terminal is the user's again
                    progress.end("recorded and indexed");
                    try {
                        openRecording(dir, a, syntax);
                    } catch (DapException e) {
                        events.console("Cannot open the recording: " + e.getMessage() + "\n");
                        events.terminated();
                    }
                    runAfterResponse();
                });
            }

            @Override
            public void failed(String reason) {
                post(() -> {
                    if (recordingRun != run[0]) return;
                    recordingRun = null;
                    console.close();
                    progress.end("not recorded: " + reason);
                    events.console("Cannot record the run: " + reason + "\n");
                    events.terminated();
                });
            }
        });
        recordingRun = run[0];
        recordingArguments = a;
    }

    /** Whether the program's stdin is a terminal of ours, where end of input is typed ({@link dev.hindsight.tracer.ProgramTerminal#EOF}). */
    public boolean programOnTerminal() {
        if (debuggee == null) return recordingRun != null && recordingRun.onTerminal();
        return debuggee.target().terminal() != null;
    }

    /** The program's stdin: the debuggee's, or the recorded program's while it is being recorded; null when not connected. */
    public java.io.OutputStream programStdin() {
        if (debuggee == null && recordingRun != null) return recordingRun.stdin().orElse(null);
        return target().stdio().stdin();
    }

    private void openRecording(Path dir, LaunchArguments a, Syntax syntax) {
        Target target;
        IndexReader index;
        try {
            target = OpenedRecording.open(dir);
        } catch (RuntimeException e) {
            throw new DapException(ErrorCode.LAUNCH_FAILED, "cannot open the recording " + dir + ": " + e.getMessage(), e);
        }
        try {
            index = IndexReader.open(dir);
        } catch (RuntimeException e) {
            target.close();
            throw new DapException(ErrorCode.LAUNCH_FAILED, "cannot open the index of " + dir + ": " + e.getMessage(), e);
        }
        target.disassembly().setSyntax(syntax);
        recording = new Recording(dir, target.timeTravel().orElseThrow(), index);
        adopt(target, a);
        afterResponse(events::reverseCapabilities);
    }

    public void attach(AttachArguments a) {
        if (!options.allowAttach()) throw new DapException(ErrorCode.NOT_ALLOWED, "this server does not allow attaching");
        if (debuggee != null) throw new DapException(ErrorCode.INVALID_ARGUMENTS, "a program is already being debugged");
        if (a.pid() == null || a.pid() <= 0) throw new DapException(ErrorCode.INVALID_ARGUMENTS, "attach needs a 'pid'");
        Syntax syntax = syntax(a.disassemblyFlavor());
        Target target;
        try {
            target = Target.attach(a.pid());
        } catch (RuntimeException e) {
            throw new DapException(ErrorCode.LAUNCH_FAILED, "cannot attach to process " + a.pid() + ": " + e.getMessage(), e);
        }
        target.disassembly().setSyntax(syntax);
        adopt(target, null);
    }

    private void adopt(Target target, LaunchArguments a) {
        // Events still queued from a program we dropped (restart) must not reach its successor.
        TargetListener listener = e -> post(() -> {
            if (debuggee != null && debuggee.target() == target) execution.onTargetEvent(e);
        });
        target.addListener(listener);
        target.execution().setMyCodeOnly(a != null && a.myCodeOnly()); // null: attach
        List<OutputPump> pumps = List.of(
                OutputPump.start(target.stdio().stdout(), "stdout-" + target.pid(), (s, sent) -> output("stdout", s, sent)),
                OutputPump.start(target.stdio().stderr(), "stderr-" + target.pid(), (s, sent) -> output("stderr", s, sent)));
        debuggee = new Debuggee(target, listener, a, pumps);
        execution.reset();
        List<DapBreakpoint> installed = noDebug ? List.of() : breakpoints.installAll(target);
        int pid = target.pid();
        afterResponse(() -> {
            events.threadStarted(pid);
            installed.forEach(b -> events.breakpointChanged(b));
        });
        if (configurationDone) afterResponse(this::start);
    }

    private void output(String category, String text, Runnable sent) {
        post(() -> {
            try {
                events.programOutput(category, text);
            } finally {
                sent.run();
            }
        });
    }

    public void configurationDone() {
        configurationDone = true;
        if (debuggee != null) afterResponse(this::start);
    }

    /** Lets the program go once it exists and the client has configured it. */
    private void start() {
        if (started || debuggee == null) return;
        started = true;
        if (debuggee.attached()) {
            execution.reportAttached();
        } else if (debuggee.target().postMortem().isPresent()) {
            CoreDump.report(debuggee.target(), events);
        } else if (debuggee.launchArguments().stopsOnEntry()) {
            execution.runToEntry();
        } else {
            execution.continueProgram();
        }
    }

    /**
     * Kills the program and starts it again (rebuilding it from source) with {@code config}, or
     * with the same configuration when null.
     */
    public void restart(LaunchArguments config) {
        if (debuggee == null && recordingRun != null) {
            LaunchArguments again = config != null ? config : recordingArguments;
            dropProgram();
            started = false;
            launch(again);
            return;
        }
        if (debuggee == null) throw new DapException(ErrorCode.NOT_LAUNCHED, "nothing to restart");
        if (debuggee.attached()) throw new DapException(ErrorCode.NOT_ALLOWED, "an attached process cannot be restarted");
        LaunchArguments a = config != null ? config : debuggee.launchArguments();
        dropProgram();
        started = false;
        launch(a);
    }

    /** Kills a launched program (exited and terminated events follow), or ends at once without one. */
    public void terminate() {
        if (debuggee == null && recordingRun != null) {
            dropProgram();
            events.console("The recording was stopped.\n");
            afterResponse(events::terminated);
            return;
        }
        if (debuggee == null || debuggee.target().state() == Target.State.EXITED) {
            afterResponse(events::terminated);
            return;
        }
        execution.kill();
    }

    /** Ends the session: kills the program, or detaches from it when {@code terminateDebuggee} is false. */
    public void disconnect(Boolean terminateDebuggee) {
        if (debuggee != null) {
            boolean kill = terminateDebuggee != null ? terminateDebuggee : !debuggee.attached();
            if (kill) debuggee.target().kill();
            dropProgram();
        }
        ending = true;
        afterResponse(this::requestClose);
    }

    private void dropProgram() {
        if (recordingRun != null) {
            recordingRun.cancel();
            recordingRun = null;
            console.close();
        }
        Debuggee d = debuggee;
        debuggee = null;
        Recording r = recording;
        recording = null;
        execution.reset();
        breakpoints.detachAll();
        handles.reset();
        modules.reset();
        sourceReferences.reset();
        if (d != null) d.dispose();
        if (r != null) r.close();
        // What the program started (detached children, a fork bomb) goes with it.
        if (sandbox != null) sandbox.killAll();
    }

    /**
     * A fresh sandbox for this launch when the session is confined (null otherwise): the session
     * directory writable, the program's, the source files' and the working directory's folders
     * readable. The previous launch's sandbox, and whatever is left of it, goes.
     */
    private Sandbox openSandbox(LaunchArguments a, Path cwd) {
        if (options.confinement() == null) return null;
        closeSandbox();
        List<Path> readable = new ArrayList<>();
        if (a.program() != null) readable.add(Path.of(a.program()).toAbsolutePath().normalize().getParent());
        if (a.sourceFiles() != null) {
            for (String f : a.sourceFiles()) readable.add(Path.of(f).toAbsolutePath().normalize().getParent());
        }
        readable.add(cwd);
        sandbox = options.confinement().open(directory().path(), readable, cwd);
        return sandbox;
    }

    private void closeSandbox() {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }

    /** What limit of the session's sandbox ended the program, in a user's words, if one did. */
    java.util.Optional<String> limitReached(dev.hindsight.tracer.StopEvent.Exited exit) {
        return sandbox == null ? java.util.Optional.empty() : sandbox.limitReached(exit);
    }

    /** Where compiled programs and inline sources go; created on first use. */
    SessionDirectory directory() {
        if (directory == null) {
            try {
                Path root = options.tempRoot();
                directory = root == null ? SessionDirectory.create()
                        : SessionDirectory.create(Map.of("HINDSIGHT_TMPDIR", root.toString())::get);
            } catch (IOException e) {
                throw new DapException(ErrorCode.LAUNCH_FAILED, "cannot create a session directory: " + e.getMessage(), e);
            }
        }
        return directory;
    }

    /** Kills the program and removes the session directory. Idempotent. */
    public void close() {
        if (closed) return;
        closed = true;
        try {
            dropProgram();
            console.close();
        } finally {
            try {
                closeSandbox();
            } finally {
                if (directory != null) directory.close();
            }
        }
    }

    private static Syntax syntax(String flavor) {
        if (flavor == null || flavor.equalsIgnoreCase("att")) return Syntax.ATT;
        if (flavor.equalsIgnoreCase("intel")) return Syntax.INTEL;
        throw new DapException(ErrorCode.INVALID_ARGUMENTS, "disassemblyFlavor must be 'att' or 'intel', not '" + flavor + "'");
    }
}
