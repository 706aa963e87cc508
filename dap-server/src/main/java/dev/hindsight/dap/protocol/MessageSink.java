package dev.hindsight.dap.protocol;

import java.util.function.Consumer;

/**
 * Where a session's outgoing messages go when the transport can hold them: {@link #accept} may
 * buffer, {@link #flush} sends what was buffered. The session flushes whenever it has nothing
 * left to do, so a response and the event that follows it at once (a step's stopped event) leave
 * in one write, and the client wakes once for both.
 */
public interface MessageSink extends Consumer<String> {
    /** Sends everything accepted so far. */
    void flush();
}
