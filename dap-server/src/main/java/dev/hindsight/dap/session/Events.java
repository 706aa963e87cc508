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
    private StoppedEventArguments lastStopped;
    private ExitedEventArguments lastExited;
    private boolean terminated;
    private Runnable stopReported = () -> { };

    Events(IDebugProtocolClient client) {
        this.client = client;
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
        e.setBreakpoint(BreakpointMapper.toDap(b));
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
            if (d.line() > 0) e.setLine(d.line());
            if (d.column() > 0) e.setColumn(d.column());
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
