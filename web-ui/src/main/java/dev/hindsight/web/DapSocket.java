package dev.hindsight.web;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * One WebSocket on {@code /dap}: each text frame is one DAP message for the session it is attached
 * to (or a JSON array of them, {@link DapBatch}), and the session's messages go back in order
 * through a bounded outbox: one frame each, or for a {@code ?batch=1} client one frame per flush. A client that falls too
 * far behind is disconnected (it can reconnect to its session) rather than growing the server's memory.
 * A session's first {@code launch} request must be admitted by the registry (the server's capacity);
 * when the socket closes the registry learns that the page went away.
 */
public final class DapSocket implements Session.Listener.AutoDemanding {
    /** Close code for "no such session (expired or never existed)", in the application range. */
    static final int SESSION_GONE = 4404;
    /** A session id without its secret: someone else's session. */
    static final int NOT_YOURS = 4403;
    static final int TAKEN_OVER = 4409;
    /** The WebSocket close code for "server busy" (RFC 6455's registry: Try Again Later). */
    static final int TRY_AGAIN_LATER = StatusCode.TRY_AGAIN_LATER;
    private static final long MAX_PENDING_CHARS = 16L << 20;
    private static final long MAX_BATCH_CHARS = 64L << 10;

    private final SessionRegistry registry;
    private final String wantedId;
    private final String secret;
    private final String client;
    /** The client asked for {@code ?batch=1}: what the engine sends between two flushes leaves as one frame. */
    private final boolean batches;
    /** Messages held for the next flush (a batching client's), as the elements of a JSON array. */
    private final StringBuilder held = new StringBuilder();
    private int heldCount;
    private long heldChars;
    private long pendingChars;
    private volatile Session socket;
    private volatile WebSession session;

    /** @param client the address the registry counts this connection's sessions against */
    DapSocket(SessionRegistry registry, String wantedId, String secret, String client) {
        this(registry, wantedId, secret, client, false);
    }

    DapSocket(SessionRegistry registry, String wantedId, String secret, String client, boolean batches) {
        this.registry = registry;
        this.wantedId = wantedId;
        this.secret = secret;
        this.client = client;
        this.batches = batches;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        socket = s;
        SessionRegistry.Opening opening = registry.open(wantedId, secret, client);
        if (opening.session() == null) {
            s.close(opening.refusal(), opening.reason(), Callback.NOOP);
            return;
        }
        session = opening.session();
        session.attach(this);
    }

    @Override
    public void onWebSocketText(String frame) {
        if (!DapBatch.isBatch(frame)) {
            receive(frame);
            return;
        }
        for (String message : DapBatch.split(frame)) {
            if (session == null || !receive(message)) return;
        }
    }

    /** One DAP message; false when the socket was closed for it (a refused launch). */
    private boolean receive(String message) {
        WebSession s = session;
        if (s == null) return false;
        if (!s.launched()) {
            int launchSeq = LaunchRequest.seqOf(message);
            String refusal = launchSeq < 0 ? null : registry.admitLaunch(s);
            if (refusal != null) {
                send(LaunchRequest.refusal(launchSeq, refusal));
                flush();
                close(TRY_AGAIN_LATER, refusal);
                registry.end(s, refusal);
                return false;
            }
        }
        s.receive(message);
        return true;
    }

    @Override
    public void onWebSocketClose(int status, String reason) {
        WebSession s = session;
        if (s != null) {
            registry.detached(s, s.detach(this));
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        onWebSocketClose(StatusCode.SERVER_ERROR, String.valueOf(cause));
    }

    /** Queues one message for the client without blocking the engine; order is kept because
     * Jetty queues frames in the order of the calls, which the lock fixes. It may be held back
     * (batched with what follows) until {@link #flush}; a batching client's messages are held
     * here and leave together as one frame. */
    void send(String json) {
        Session s = socket;
        if (s == null || !s.isOpen()) return;
        synchronized (this) {
            if (pendingChars + json.length() > MAX_PENDING_CHARS) {
                s.close(StatusCode.POLICY_VIOLATION, "client too slow", Callback.NOOP);
                return;
            }
            pendingChars += json.length();
            if (!batches) {
                frame(s, json, json.length());
                return;
            }
            held.append(heldCount++ == 0 ? "" : ",").append(json);
            heldChars += json.length();
            if (heldChars >= MAX_BATCH_CHARS) frameHeld(s); // a flood of output: frames of a bounded size
        }
    }

    /** What a batching client's flush sends: the held messages as one frame (a lone one as itself). */
    private void frameHeld(Session s) {
        if (heldCount > 0) frame(s, heldCount == 1 ? held.toString() : "[" + held + "]", heldChars);
        held.setLength(0);
        heldCount = 0;
        heldChars = 0;
    }

    /** Queues one text frame carrying {@code chars} of the pending messages; the caller holds the lock. */
    private void frame(Session s, String text, long chars) {
        org.eclipse.jetty.util.Callback done = org.eclipse.jetty.util.Callback.from(() -> sent(chars), failure -> sent(chars));
        if (s instanceof WebSocketSession jetty) {
            jetty.getCoreSession().sendFrame(new Frame(OpCode.TEXT, text), done, true);
        } else {
            s.sendText(text, Callback.from(done::succeeded, done::failed));
        }
    }

    /** Writes what {@link #send} batched, in one write when it fits Jetty's batch buffer. */
    void flush() {
        Session s = socket;
        if (s == null || !s.isOpen()) return;
        if (batches) {
            synchronized (this) {
                frameHeld(s);
            }
        }
        if (s instanceof WebSocketSession jetty) jetty.getCoreSession().flush(org.eclipse.jetty.util.Callback.NOOP);
    }

    private synchronized void sent(long chars) {
        pendingChars -= chars;
    }

    void close(int status, String reason) {
        Session s = socket;
        if (s != null && s.isOpen()) {
            s.close(status, reason, Callback.NOOP);
        }
    }
}
