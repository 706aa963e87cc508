package dev.hindsight.dap.testing;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.lsp4j.debug.CapabilitiesEventArguments;
import org.eclipse.lsp4j.debug.ContinuedEventArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.ProcessEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.ThreadEventArguments;
import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.validation.ReflectiveMessageValidator;

/**
 * A DAP client built the way Eclipse's LSP4E ({@code DSPDebugTarget}) and IntelliJ's LSP4IJ
 * ({@code DAPClient}) build theirs: LSP4J's {@link DSPLauncher#createClientLauncher} over the
 * adapter's stdin/stdout, every incoming message checked by LSP4J's
 * {@link ReflectiveMessageValidator}. It keeps the events in arrival order, typed as LSP4J parsed
 * them, and every problem LSP4J met while reading (a field of the wrong JSON type, a missing
 * required field): those are only logged by LSP4J (java.util.logging), so they are collected here
 * from its loggers for the test to assert there were none. An event LSP4J does not know is no
 * problem: DAP clients ignore those.
 */
public final class Lsp4jClient implements IDebugProtocolClient, AutoCloseable {
    public static final Duration TIMEOUT = DapTestClient.TIMEOUT;

    /** An event as the IDE receives it: its DAP name and LSP4J's typed body. */
    public record Event(String name, Object body) {}

    private final List<Event> events = new ArrayList<>();
    private final List<String> issues = new ArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Logger lsp4jLog = Logger.getLogger("org.eclipse.lsp4j");
    private final Handler issueCollector = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() < Level.WARNING.intValue()) return;
            // DAP clients ignore events they do not know (the adapter's own ones); LSP4J warns of them
            if (r.getMessage() != null && r.getMessage().startsWith("Unsupported notification method")) return;
            String text = r.getMessage() + (r.getThrown() == null ? "" : ": " + r.getThrown());
            synchronized (Lsp4jClient.this) {
                issues.add(r.getLoggerName() + ": " + text);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final IDebugProtocolServer server;
    private final Future<Void> listening;

    public Lsp4jClient(InputStream fromAdapter, OutputStream toAdapter) {
        lsp4jLog.addHandler(issueCollector);
        Launcher<IDebugProtocolServer> launcher = DSPLauncher.createClientLauncher(this, fromAdapter, toAdapter, pool,
                ReflectiveMessageValidator::new);
        listening = launcher.startListening();
        server = launcher.getRemoteProxy();
    }

    public IDebugProtocolServer server() {
        return server;
    }

    /** A request's answer, failing the test when it fails or does not come. */
    public static <T> T await(CompletableFuture<T> answer) {
        try {
            return answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("request failed in LSP4J: " + e, e);
        }
    }

    /** Waits until the adapter ends the connection (LSP4J's reader sees the stream end). */
    public void awaitEnd() {
        try {
            listening.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the adapter did not end the connection: " + e, e);
        }
    }

    /** What LSP4J could not read or validate, so far. */
    public synchronized List<String> issues() {
        return List.copyOf(issues);
    }

    public synchronized int mark() {
        return events.size();
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The body of the first event named {@code name} after the first {@code after} events. */
    @SuppressWarnings("unchecked")
    public synchronized <T> T event(String name, int after, Class<T> type, Predicate<T> filter) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (int i = after; ; ) {
            for (; i < events.size(); i++) {
                Event e = events.get(i);
                if (e.name().equals(name) && filter.test((T) e.body())) return type.cast(e.body());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new AssertionError("no '" + name + "' event; got " + events + "; LSP4J issues: " + issues);
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    public <T> T event(String name, int after, Class<T> type) {
        return event(name, after, type, b -> true);
    }

    private synchronized void add(String name, Object body) {
        events.add(new Event(name, body));
        notifyAll();
    }

    @Override
    public void initialized() {
        add("initialized", null);
    }

    @Override
    public void stopped(StoppedEventArguments args) {
        add("stopped", args);
    }

    @Override
    public void continued(ContinuedEventArguments args) {
        add("continued", args);
    }

    @Override
    public void exited(ExitedEventArguments args) {
        add("exited", args);
    }

    @Override
    public void terminated(TerminatedEventArguments args) {
        add("terminated", args);
    }

    @Override
    public void thread(ThreadEventArguments args) {
        add("thread", args);
    }

    @Override
    public void output(OutputEventArguments args) {
        add("output", args);
    }

    @Override
    public void process(ProcessEventArguments args) {
        add("process", args);
    }

    @Override
    public void capabilities(CapabilitiesEventArguments args) {
        add("capabilities", args);
    }

    @Override
    public void close() {
        lsp4jLog.removeHandler(issueCollector);
        pool.shutdownNow();
    }
}
