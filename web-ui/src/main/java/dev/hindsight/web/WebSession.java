package dev.hindsight.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.web.engine.DebugSession;
import java.util.function.LongSupplier;

/**
 * One debugging session as the web server holds it: its unguessable id, the engine session, the
 * page currently attached (at most one; a newer tab takes over) and when a client last spoke.
 */
final class WebSession {
    private static final ObjectMapper JSON = new ObjectMapper();
    final String id;
    private final DebugSession engine;
    private final ProgramOutput output;
    private DapSocket client;
    private final LongSupplier clock;
    private volatile long lastActivity;
    private boolean closed;

    WebSession(String id, DebugSession engine, int maxOutputChars, LongSupplier clock) {
        this.id = id;
        this.engine = engine;
        this.output = new ProgramOutput(maxOutputChars);
        this.clock = clock;
        this.lastActivity = clock.getAsLong();
        engine.connect(this::fromEngine, this::flushClient);
    }

    /** Makes {@code socket} the session's client: it learns the id, gets the kept program output and
     * the engine re-sends where the program stopped. */
    void attach(DapSocket socket) {
        synchronized (this) {
            lastActivity = clock.getAsLong();
            if (client != null && client != socket) {
                client.close(DapSocket.TAKEN_OVER, "this session was opened in another page");
            }
            client = socket;
            socket.send(sessionEvent());
            output.replay().forEach(socket::send);
            socket.flush();
        }
        // Outside the lock: the engine may answer on its own thread while holding its own lock.
        engine.connect(this::fromEngine, this::flushClient);
    }

    synchronized void detach(DapSocket socket) {
        lastActivity = clock.getAsLong();
        if (client == socket) client = null;
    }

    void receive(String json) {
        lastActivity = clock.getAsLong();
        engine.receive(json);
    }

    /** Closed, or about to close: not a session a new connection may join. */
    synchronized boolean ending() {
        return closed || engine.isEnding();
    }

    long lastActivity() {
        return lastActivity;
    }

    private synchronized void fromEngine(String message) {
        String forward = output.admit(message);
        if (forward != null && client != null) client.send(forward);
    }

    private synchronized void flushClient() {
        if (client != null) client.flush();
    }

    /** Ends the session: kills the debuggee, removes its files, tells the page why. */
    void close(String reason) {
        DapSocket last;
        synchronized (this) {
            if (closed) return;
            closed = true;
            last = client;
            client = null;
        }
        try {
            engine.close();
        } finally {
            if (last != null) last.close(DapSocket.SESSION_GONE, reason);
        }
    }

    private String sessionEvent() {
        ObjectNode m = JSON.createObjectNode().put("seq", 0).put("type", "event").put("event", "hindsight/session");
        m.putObject("body").put("id", id);
        return m.toString();
    }
}
