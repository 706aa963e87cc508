package dev.hindsight.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.web.engine.DebugSession;
import java.util.function.LongSupplier;

/**
 * One debugging session as the web server holds it: its unguessable id and the secret that proves
 * a page created it, the client address that created it, the engine session, the page currently
 * attached (at most one; a newer tab of the owner takes over), whether a program was launched
 * (only then it counts against the server's capacity) and when a client last spoke.
 */
final class WebSession {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Asks the engine to stop a running program; answered to nobody (no page is attached). */
    private static final String PAUSE = "{\"seq\":1,\"type\":\"request\",\"command\":\"pause\",\"arguments\":{\"threadId\":1}}";
    final String id;
    final String secret;
    final String owner;
    private final String instance;
    private final DebugSession engine;
    private final ProgramOutput output;
    private DapSocket client;
    private long detachments;
    private final LongSupplier clock;
    private volatile long lastActivity;
    private volatile boolean launched;
    private boolean closed;

    WebSession(Identity identity, DebugSession engine, int maxOutputChars, LongSupplier clock) {
        this.id = identity.id();
        this.secret = identity.secret();
        this.owner = identity.owner();
        this.instance = identity.instance();
        this.engine = engine;
        this.output = new ProgramOutput(maxOutputChars);
        this.clock = clock;
        this.lastActivity = clock.getAsLong();
        engine.connect(this::fromEngine, this::flushClient);
    }

    /** Who a session is: its id, the secret its creator got, the creator's address, the server's name (or null). */
    record Identity(String id, String secret, String owner, String instance) {
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

    /** @return a number naming this detachment when {@code socket} was the page attached, else -1 */
    synchronized long detach(DapSocket socket) {
        lastActivity = clock.getAsLong();
        if (client != socket) return -1;
        client = null;
        return ++detachments;
    }

    /** Whether no page came back since the detachment {@link #detach} numbered {@code detachment}. */
    synchronized boolean stillDetached(long detachment) {
        return client == null && detachments == detachment;
    }

    /** Stops the program where it is (a page that went away must not leave it spinning). */
    void pauseProgram() {
        engine.receive(PAUSE);
    }

    boolean launched() {
        return launched;
    }

    void markLaunched() {
        launched = true;
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
        ObjectNode body = m.putObject("body").put("id", id).put("secret", secret);
        if (instance != null) body.put("instance", instance);
        return m.toString();
    }
}
