package dev.hindsight.web;

import dev.hindsight.web.engine.DebugSessionFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real server on a free loopback port with the fake engine, and small real clients for it. */
final class ServerFixture implements AutoCloseable {
    /** WebSocket close codes as README.md documents them for clients, not the server's own constants. */
    static final int CLOSE_SESSION_GONE = 4404;
    static final int CLOSE_TAKEN_OVER = 4409;
    /** RFC 6455, section 7.4.1: a message too big to process. */
    static final int CLOSE_TOO_BIG = 1009;

    final FakeEngine engine = new FakeEngine();
    final WebServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServerFixture(ServeOptions options) throws Exception {
        server = new WebServer(options.withPort(0), engine).start();
    }

    /** A server on the given engine instead of the fake one. */
    ServerFixture(ServeOptions options, DebugSessionFactory real) throws Exception {
        server = new WebServer(options.withPort(0), real).start();
    }

    static ServerFixture loopback() throws Exception {
        return new ServerFixture(ServeOptions.defaults());
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(5));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens {@code /dap} (with the query) and collects what arrives. */
    Client connect(String query, Map<String, String> headers) {
        Client c = new Client();
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(b::header);
        c.socket = b.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/dap" + query), c);
        return c;
    }

    /** Waits until {@code condition} holds (things the server does on its own threads), at most 10 s. */
    static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 10 s: " + what);
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        for (FakeEngine.Fake f : engine.sessions) f.debuggee.destroyForcibly();
    }

    static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        volatile String closeReason = "";
        CompletableFuture<WebSocket> socket;
        private final StringBuilder partial = new StringBuilder();

        WebSocket open() throws Exception {
            return socket.get(5, TimeUnit.SECONDS);
        }

        /** The code the server closed the socket with. */
        int closeCode() throws Exception {
            try {
                return closed.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the socket is still open after 10 s");
            }
        }

        String next() throws InterruptedException {
            String m = messages.poll(5, TimeUnit.SECONDS);
            if (m == null) throw new AssertionError("no message within 5 s");
            return m;
        }

        /** Every message up to and including the first that contains {@code marker} (in order). */
        List<String> until(String marker) throws InterruptedException {
            List<String> all = new java.util.ArrayList<>();
            do {
                all.add(next());
            } while (!all.get(all.size() - 1).contains(marker));
            return all;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeReason = reason;
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }
}
