package dev.hindsight.dap.session;

import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.compile.Diagnostic;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.BreakpointEventArguments;
import org.eclipse.lsp4j.debug.BreakpointEventArgumentsReason;
import org.eclipse.lsp4j.debug.ContinuedEventArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArgumentsCategory;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.ThreadEventArguments;
import org.eclipse.lsp4j.debug.ThreadEventArgumentsReason;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;

/**
 * The one mapper from engine happenings ({@link dev.hindsight.tracer.TargetEvent}s, as decided
 * by {@link Execution}) to DAP events. Remembers the last stop (or the end) so a client that
 * connects later can be brought up to date.
 */
public final class Events {
    private final IDebugProtocolClient client;
    private final java.util.function.Supplier<Positions> positions;
    private int progressCount;
    private StoppedEventArguments lastStopped;
    private ExitedEventArguments lastExited;
    private boolean terminated;
    private Runnable stopReported = () -> { };
    private Runnable beforeStop = () -> { };

    Events(IDebugProtocolClient client, java.util.function.Supplier<Positions> positions) {
        this.client = client;
        this.positions = positions;
    }

    /** Runs just before each stopped event is sent (module changes go first). */
    void beforeStopReported(Runnable r) {
        beforeStop = r;
    }

    /** Runs after each stopped event has been sent. */
    void onStopReported(Runnable r) {
        stopReported = r;
    }

    void stopped(StopEvent.Stopped stop, String reason, String description, List<Integer> hitBreakpointIds) {
        StoppedEventArguments e = new StoppedEventArguments();
        e.setReason(reason);
        e.setThreadId(stop.tid());
        e.setAllThreadsStopped(true);
        if (description != null) {
            e.setDescription(description);
            e.setText(description);
        }
        if (!hitBreakpointIds.isEmpty()) e.setHitBreakpointIds(hitBreakpointIds.toArray(Integer[]::new));
        beforeStop.run();
        lastStopped = e;
        client.stopped(e);
        stopReported.run();
    }

    /**
     * After the launch of a built trace: what it adds to {@code initialize}'s answer (a
     * capabilities event carries only what changed).
     */
    void reverseCapabilities() {
        org.eclipse.lsp4j.debug.Capabilities c = new org.eclipse.lsp4j.debug.Capabilities();
        c.setSupportsStepBack(true);
        c.setSupportsGotoTargetsRequest(true);
        org.eclipse.lsp4j.debug.CapabilitiesEventArguments e = new org.eclipse.lsp4j.debug.CapabilitiesEventArguments();
        e.setCapabilities(c);
        client.capabilities(e);
    }

    void continued(int tid) {
        lastStopped = null;
        ContinuedEventArguments e = new ContinuedEventArguments();
        e.setThreadId(tid);
        e.setAllThreadsContinued(true);
        client.continued(e);
    }

    /** Whether the running program is blocked reading its terminal ({@link InputWait}). */
    void waitingForInput(boolean waiting) {
        if (client instanceof dev.hindsight.dap.protocol.HindsightDebugClient h) h.waitingForInput(Map.of("waiting", waiting));
    }

    /** @param limit the sandbox limit that ended the program, said instead of a bare signal */
    void exited(StopEvent.Exited exit, java.util.Optional<String> limit) {
        lastStopped = null;
        // The exit code travels in the event (clients print it); a signal's name and meaning would not.
        if (limit.isPresent()) {
            console("[program stopped: " + limit.get() + " (" + exit.signal().name() + ")]\n");
        } else if (exit.killedBySignal()) {
            console("[program killed by " + exit.signal().name() + " (" + exit.signal().description() + ")]\n");
        }
        ExitedEventArguments e = new ExitedEventArguments();
        // A shell's convention for death by signal, so "exited" always carries a number.
        e.setExitCode(exit.killedBySignal() ? 128 + exit.signal().number() : exit.exitCode());
        lastExited = e;
        client.exited(e);
    }

    public void terminated() {
        lastStopped = null;
        terminated = true;
        client.terminated(new TerminatedEventArguments());
    }

    void threadStarted(int tid) {
        thread(tid, ThreadEventArgumentsReason.STARTED);
    }

    void threadExited(int tid) {
        thread(tid, ThreadEventArgumentsReason.EXITED);
    }

    private void thread(int tid, String reason) {
        ThreadEventArguments e = new ThreadEventArguments();
        e.setThreadId(tid);
        e.setReason(reason);
        client.thread(e);
    }

    void breakpointChanged(DapBreakpoint b) {
        BreakpointEventArguments e = new BreakpointEventArguments();
        e.setReason(BreakpointEventArgumentsReason.CHANGED);
        e.setBreakpoint(BreakpointMapper.toDap(b, positions.get()));
        client.breakpoint(e);
    }

    void programOutput(String category, String text) {
        OutputEventArguments e = new OutputEventArguments();
        e.setCategory(category);
        e.setOutput(text);
        client.output(e);
    }

    public void console(String text) {
        programOutput(OutputEventArgumentsCategory.CONSOLE, text);
    }

    /** A compiler message, with its place and a structured copy for clients that show it inline. */
    void diagnostic(Diagnostic d) {
        OutputEventArguments e = new OutputEventArguments();
        e.setCategory(OutputEventArgumentsCategory.CONSOLE);
        e.setOutput(d + "\n");
        if (!d.file().isEmpty()) {
            Source s = new Source();
            s.setPath(d.file());
            s.setName(Path.of(d.file()).getFileName().toString());
            e.setSource(s);
            if (d.line() > 0) e.setLine(positions.get().line(d.line()));
            if (d.column() > 0) e.setColumn(positions.get().column(d.column()));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", "diagnostic");
        data.put("severity", switch (d.severity()) {
            case ERROR, FATAL -> "error";
            case WARNING -> "warning";
            case NOTE -> "note";
        });
        data.put("message", d.message());
        e.setData(data);
        client.output(e);
    }

    void module(org.eclipse.lsp4j.debug.ModuleEventArgumentsReason reason, org.eclipse.lsp4j.debug.Module m) {
        org.eclipse.lsp4j.debug.ModuleEventArguments e = new org.eclipse.lsp4j.debug.ModuleEventArguments();
        e.setReason(reason);
        e.setModule(m);
        client.module(e);
    }

    void loadedSource(org.eclipse.lsp4j.debug.LoadedSourceEventArgumentsReason reason, String path) {
        org.eclipse.lsp4j.debug.LoadedSourceEventArguments e = new org.eclipse.lsp4j.debug.LoadedSourceEventArguments();
        e.setReason(reason);
        e.setSource(BreakpointMapper.source(path));
        client.loadedSource(e);
    }

    /**
     * After a write into the stopped program: what the client shows of {@code areas} is stale
     * ({@code threadId}/{@code frameId} may be null: all of them).
     */
    public void invalidated(List<String> areas, Integer threadId, Integer frameId) {
        org.eclipse.lsp4j.debug.InvalidatedEventArguments e = new org.eclipse.lsp4j.debug.InvalidatedEventArguments();
        e.setAreas(areas.toArray(String[]::new));
        if (threadId != null) e.setThreadId(threadId);
        if (frameId != null) e.setStackFrameId(frameId);
        client.invalidated(e);
    }

    /** After writeMemory: the bytes at {@code address} changed. */
    public void memory(long address, int count) {
        org.eclipse.lsp4j.debug.MemoryEventArguments e = new org.eclipse.lsp4j.debug.MemoryEventArguments();
        e.setMemoryReference("0x" + Long.toHexString(address));
        e.setOffset(0);
        e.setCount(count);
        client.memory(e);
    }

    /** Progress events for one compilation, each with its own {@code progressId}. */
    ProgramBuilder.Progress compileProgress() {
        return progress("compile");
    }

    /** DAP progress events of one piece of work ({@code kind}: compile, record), numbered. */
    ProgramBuilder.Progress progress(String kind) {
        String id = kind + "-" + (++progressCount);
        return new ProgramBuilder.Progress() {
            @Override
            public void start(String title, String message) {
                org.eclipse.lsp4j.debug.ProgressStartEventArguments e = new org.eclipse.lsp4j.debug.ProgressStartEventArguments();
                e.setProgressId(id);
                e.setTitle(title);
                e.setMessage(message);
                e.setCancellable(false);
                client.progressStart(e);
            }

            @Override
            public void update(String message) {
                org.eclipse.lsp4j.debug.ProgressUpdateEventArguments e = new org.eclipse.lsp4j.debug.ProgressUpdateEventArguments();
                e.setProgressId(id);
                e.setMessage(message);
                client.progressUpdate(e);
            }

            @Override
            public void end(String message) {
                org.eclipse.lsp4j.debug.ProgressEndEventArguments e = new org.eclipse.lsp4j.debug.ProgressEndEventArguments();
                e.setProgressId(id);
                e.setMessage(message);
                client.progressEnd(e);
            }
        };
    }

    /** Brings a newly connected client up to date: the last stop, or the end of the program. */
    public void replay() {
        if (lastStopped != null) {
            client.stopped(lastStopped);
        } else if (terminated) {
            if (lastExited != null) client.exited(lastExited);
            client.terminated(new TerminatedEventArguments());
        }
    }

    void forgetProgram() {
        lastStopped = null;
        lastExited = null;
        terminated = false;
    }
}
