package dev.hindsight.dap;

import dev.hindsight.dap.protocol.DebugServer;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.dap.protocol.MessageChannel;
import dev.hindsight.dap.protocol.MessageSink;
import dev.hindsight.dap.protocol.RequestIdentity;
import dev.hindsight.dap.session.Session;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DAP session, independent of transport: JSON messages in through {@link #receive}, JSON
 * messages out to the consumer given to {@link #connect}. Stdio, TCP and the web UI's WebSocket
 * all drive this class. Every message and engine event is handled in order, one at a time, on the
 * session's own thread, so a slow or stuck program never blocks the caller; only a request
 * answered from the stopped program's state ({@link #INLINE}) arriving while the session is idle
 * runs on the caller's thread, which saves a thread wake-up per request ({@link SessionLoop}).
 */
public final class DapSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DapSession.class);
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final Pattern CANCEL = Pattern.compile("\"command\"\\s*:\\s*\"cancel\"");
    private static final Pattern RESPONSE = Pattern.compile("\"type\"\\s*:\\s*\"response\"");
    private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\"\\s*:\\s*(\\d+)");

    /**
     * Requests answered from the stopped program's state, which never wait for the client: the
     * transport's thread may run them itself when the session is idle ({@link SessionLoop#runHere}).
     * Not launch or restart (they wait for the client's answer to {@code runInTerminal}, which that
     * very thread must read), and not {@code stopState}: run there, the web page's step + stopState
     * round trip fell to half its rate (web-step-rate.sh: Chromium 404/s against main's 725/s in
     * the same hour; queued as before, 726/s).
     */
    private static final Set<String> INLINE = Set.of("threads", "stackTrace", "scopes", "variables",
            "readMemory", "disassemble");
    /**
     * Steps, which start the program and wait a moment for its stop (then handled on the same
     * thread, without waking the session's): inline only for a client that never sent
     * {@code stopState}. The web page sends one right behind each step; it must be read while the
     * step waits, so that the answers and the stopped event leave in one write.
     */
    private static final Set<String> STEPS = Set.of("stepIn", "next", "stepOut");

    private final SessionLoop thread;
    private final Session session;
    private final DebugServer server;
    private final MessageChannel channel;
    private final Set<Integer> cancelled = ConcurrentHashMap.newKeySet();
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile boolean sendsStopState;
    private static final int CLOSE_SECONDS = 10;
    private volatile long quickStopNanos = TimeUnit.MILLISECONDS.toNanos(1);
    private final java.util.concurrent.CountDownLatch closeDone = new java.util.concurrent.CountDownLatch(1);

    private DapSession(DapSessionOptions options) {
        int n = COUNT.incrementAndGet();
        thread = new SessionLoop("dap-session-" + n, this::whenIdle);
        channel = new MessageChannel();
        session = new Session(options, channel.client(), this::submit);
        session.flushWith(channel::flush);
        server = new DebugServer(session);
        channel.bind(server);
        session.onCloseRequested(this::close);
    }

    public static DapSession create(DapSessionOptions options) {
        return new DapSession(options == null ? DapSessionOptions.defaults() : options);
    }

    /** How long a step request's answer waits for its stop to go out with it (tests on slow machines). */
    DapSession quickStopWait(java.time.Duration wait) {
        quickStopNanos = wait.toNanos();
        return this;
    }

    /**
     * Where messages to the client go: one JSON DAP message (no Content-Length header) per call.
     * Replaces the previous sink (a reconnecting web page); when a program is being debugged, the
     * new client is brought up to date by re-sending the last stopped event (or exited+terminated
     * when it has ended).
     */
    public void connect(Consumer<String> toClient) {
        Consumer<String> sink = toClient instanceof MessageSink held ? writeThroughOffThread(held) : toClient;
        submit(() -> {
            // Answers the previous client still waits for (a stopState) are its own: they end now,
            // before the new client could take them for answers to its requests.
            session.clientReplaced();
            channel.flush();
            channel.connect(sink);
            session.events().replay();
        });
    }

    /** Messages sent from another thread (none are expected) are not left waiting for the session to go idle. */
    private MessageSink writeThroughOffThread(MessageSink held) {
        return new MessageSink() {
            @Override
            public void accept(String json) {
                held.accept(json);
                if (!thread.isCurrent()) held.flush();
            }

            @Override
            public void flush() {
                held.flush();
            }
        };
    }

    /**
     * One DAP message from the client, JSON text without header. Malformed JSON or unknown
     * commands produce an error response/output event, never an exception. A repeated
     * {@code initialize} just answers capabilities again.
     */
    public void receive(String json) {
        if (closed || json == null) return;
        if (CANCEL.matcher(json).find()) {
            // Noted at once, so a request still waiting behind a long one is answered as cancelled.
            Matcher m = REQUEST_ID.matcher(json);
            if (m.find()) cancelled.add(Integer.parseInt(m.group(1)));
        }
        if (RESPONSE.matcher(json).find() && isResponse(json)) {
            // The answer to a reverse request (runInTerminal) completes its future here: the session's
            // thread may be the one waiting for it.
            channel.receive(json);
            return;
        }
        Runnable request = () -> {
            Integer seq = cancelled.isEmpty() ? null : seq(json);
            if (seq != null && cancelled.remove(seq)) channel.reject(json, ErrorCode.CANCELLED, "cancelled");
            else channel.receive(json);
            session.runAfterResponse();
        };
        if (quick(json) && thread.idle()) {
            try {
                thread.runHere(guarded(request));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // The session is closed: the request is dropped, as a queued one would be.
            }
        } else {
            submit(request);
        }
    }

    /** True when nothing of the session runs or waits to (tests). */
    boolean idle() {
        return thread.idle();
    }

    private boolean quick(String json) {
        String command = RequestIdentity.of(json).command();
        if (command == null) return false;
        if (command.equals("stopState")) sendsStopState = true;
        return INLINE.contains(command) || !sendsStopState && STEPS.contains(command);
    }

    private static boolean isResponse(String json) {
        try {
            var m = com.google.gson.JsonParser.parseString(json);
            return m.isJsonObject() && m.getAsJsonObject().has("type") && "response".equals(m.getAsJsonObject().get("type").getAsString());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * An output event from the adapter itself (a transport's notice: a broken frame, dropped
     * program output), in order with the session's other messages: at once when called from the
     * session's thread (while it sends another message), queued otherwise.
     */
    public void notice(String category, String text) {
        if (thread.isCurrent()) channel.notice(category, text);
        else submit(() -> channel.notice(category, text));
    }

    /** Answers a request the transport could not deliver (too large, no Content-Length) with an error carrying its seq. */
    public void refuse(RequestIdentity request, String message) {
        submit(() -> channel.refuse(request, ErrorCode.MALFORMED_MESSAGE, message));
    }

    /**
     * Nothing left to do: what the transport holds goes out. A step request's stop usually comes
     * within moments; waiting for it a little first sends the response and the stopped event in
     * one write, so the client wakes once for both (twice the step rate for a browser).
     */
    private void whenIdle() {
        try {
            session.awaitQuickStop(quickStopNanos);
            if (thread.nothingQueued()) channel.flush();
        } catch (RuntimeException e) {
            LOG.warn("flushing to the client failed", e);
        }
    }

    private static Integer seq(String json) {
        return RequestIdentity.of(json).seq(); // the top-level one, wherever it is
    }

    /**
     * True once the session began to end: a disconnect was accepted (its response may already be
     * out, the close not yet run) or close() was called. A new client must not join it.
     */
    public boolean isEnding() {
        return closed || session.ending();
    }

    /** Runs when the session ends (client disconnect/terminate, or close()). */
    public void onClosed(Runnable r) {
        closeListeners.add(r);
        if (closed) r.run();
    }

    /**
     * Kills the debuggee, removes the session's temp directory. Idempotent; a caller that finds
     * another one closing waits until it is done (a shutdown hook that returned early would let
     * the JVM halt before the directory is gone, e.g. while the reader closes at end of input).
     */
    @Override
    public void close() {
        boolean first;
        synchronized (this) {
            first = !closed;
            closed = true;
        }
        if (!first) {
            // On the session thread, waiting would block the very close it waits for.
            if (!thread.isCurrent()) awaitClosed();
            return;
        }
        try {
            closeNow();
        } finally {
            closeDone.countDown();
        }
    }

    private void awaitClosed() {
        try {
            if (!closeDone.await(CLOSE_SECONDS + 5, TimeUnit.SECONDS)) LOG.warn("the session did not close in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeNow() {
        Runnable shutdown = () -> {
            try {
                session.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the session", e);
            }
            // The last answers (a disconnect's) go out before the transport learns we are done.
            try {
                channel.flush();
            } catch (RuntimeException e) {
                LOG.debug("the client is gone", e);
            }
            server.close();
        };
        if (thread.isCurrent()) {
            shutdown.run();
        } else {
            try {
                thread.submit(() -> {
                    shutdown.run();
                    return null;
                }).get(CLOSE_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("the session did not close in time", e);
            }
        }
        thread.shutdown();
        closeListeners.forEach(r -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("close listener failed", e);
            }
        });
    }

    private void submit(Runnable task) {
        try {
            thread.execute(guarded(task));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The session is closed: late engine events and messages are dropped.
        }
    }

    /** A failing task is logged; the next one runs. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("session task failed", e);
            }
        };
    }
}
