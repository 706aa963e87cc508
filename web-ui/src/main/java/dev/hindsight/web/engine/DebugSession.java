package dev.hindsight.web.engine;

import java.util.function.Consumer;

/** One debugging session speaking DAP as JSON text, one message per call. */
public interface DebugSession extends AutoCloseable {

    /** Sends messages for the client to {@code toClient}, replacing the previous sink; a live
     * session re-sends its last stopped (or exited and terminated) event to the new client.
     * {@code toClient} may hold messages back: {@code flush} is run whenever the engine has
     * nothing more to send for now. */
    void connect(Consumer<String> toClient, Runnable flush);

    /** One DAP message from the client; bad input becomes an error response. */
    void receive(String json);

    /**
     * True once the session began to end, e.g. a disconnect was answered and the close is still
     * under way: a new page must get a fresh session rather than join this one.
     */
    boolean isEnding();

    /** Runs {@code r} once when the session ends by itself (e.g. after a disconnect request). */
    void onClosed(Runnable r);

    /** Kills the debuggee and removes the session's files; idempotent. */
    @Override
    void close();
}
