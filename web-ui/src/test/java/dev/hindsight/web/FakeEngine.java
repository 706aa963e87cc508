package dev.hindsight.web;

import dev.hindsight.web.engine.DebugSession;
import dev.hindsight.web.engine.DebugSessionFactory;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stand-in for the DAP engine that answers every request with success and runs a real child
 * process as its "debuggee", so tests can see that closing a session kills it.
 */
final class FakeEngine implements DebugSessionFactory {
    final List<Fake> sessions = new CopyOnWriteArrayList<>();

    @Override
    public DebugSession create() {
        Fake f = new Fake();
        sessions.add(f);
        return f;
    }

    /** What {@code emitNumberedOutput} writes: 1100 KiB in 1 KiB events, each telling its place. */
    static final int NUMBERED_CHUNKS = 1100;

    static String numberedChunk(int i) {
        return String.format("%08d", i).repeat(128);
    }

    static final class Fake implements DebugSession {
        final List<String> received = new CopyOnWriteArrayList<>();
        final AtomicInteger connects = new AtomicInteger();
        final Process debuggee;
        volatile Consumer<String> client = m -> { };
        volatile Runnable flush = () -> { };
        volatile boolean closed;
        volatile boolean ending;
        private volatile Runnable onClosed = () -> { };

        Fake() {
            try {
                debuggee = new ProcessBuilder("sleep", "120").start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void connect(Consumer<String> toClient, Runnable flush) {
            client = toClient;
            this.flush = flush;
            connects.incrementAndGet();
        }

        @Override
        public void receive(String json) {
            received.add(json);
            if (json.contains("\"emitOutput\"")) {
                String chunk = "x".repeat(1000);
                for (int i = 0; i < 100; i++) {
                    client.accept("{\"seq\":1,\"type\":\"event\",\"event\":\"output\",\"body\":{\"category\":\"stdout\",\"output\":\"" + chunk + "\"}}");
                }
            }
            if (json.contains("\"emitNumberedOutput\"")) {
                for (int i = 0; i < NUMBERED_CHUNKS; i++) {
                    client.accept("{\"seq\":1,\"type\":\"event\",\"event\":\"output\",\"body\":{\"category\":\"stdout\",\"output\":\""
                            + numberedChunk(i) + "\"}}");
                }
            }
            if (json.contains("\"disconnect\"")) {
                // Like the real engine: the answer leaves before the close has run, which takes a while.
                ending = true;
                client.accept("{\"seq\":1,\"type\":\"response\",\"request_seq\":1,\"success\":true,\"command\":\"disconnect\"}");
                flush.run();
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(() -> {
                    close();
                    endByItself();
                });
                return;
            }
            client.accept("{\"seq\":1,\"type\":\"response\",\"request_seq\":1,\"success\":true,\"command\":\"echo\"}");
            flush.run(); // as the real engine does once it has nothing more to send
        }

        @Override
        public boolean isEnding() {
            return ending || closed;
        }

        @Override
        public void onClosed(Runnable r) {
            onClosed = r;
        }

        @Override
        public void close() {
            closed = true;
            debuggee.destroyForcibly();
        }

        void endByItself() {
            onClosed.run();
        }
    }
}
