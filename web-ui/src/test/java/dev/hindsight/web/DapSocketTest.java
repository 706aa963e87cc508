package dev.hindsight.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DapSocketTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The secret each session's creator was given: a reattach must present it. */
    private final Map<String, String> secrets = new java.util.HashMap<>();

    private String sessionId(ServerFixture.Client c) throws Exception {
        JsonNode m = JSON.readTree(c.next());
        assertEquals("hindsight/session", m.path("event").asText(), m.toString());
        secrets.put(m.path("body").path("id").asText(), m.path("body").path("secret").asText());
        return m.path("body").path("id").asText();
    }

    @Test
    void aForeignOriginIsRefusedAndTheOwnOriginAccepted() throws Exception {
        try (ServerFixture f = ServerFixture.loopback()) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> f.connect("", Map.of("Origin", "http://evil.example")).open());
            assertEquals(403, assertInstanceOf(WebSocketHandshakeException.class, refused.getCause()).getResponse().statusCode());
            assertEquals(0, f.server.sessionCount());
            ServerFixture.Client own = f.connect("", Map.of("Origin", f.base()));
            own.open();
            sessionId(own);
        }
    }

    @Test
    void theUpgradeDeclinesCompressionEvenWhenTheClientOffersIt() throws Exception {
        try (ServerFixture f = ServerFixture.loopback();
                java.net.Socket raw = new java.net.Socket("127.0.0.1", f.server.port())) {
            raw.setSoTimeout(5000);
            String key = Base64.getEncoder().encodeToString(new byte[16]);
            raw.getOutputStream().write(("GET /dap HTTP/1.1\r\nHost: 127.0.0.1:" + f.server.port() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            java.io.InputStream in = raw.getInputStream();
            while (head.indexOf("\r\n\r\n") < 0) {
                int c = in.read();
                if (c < 0) break;
                head.append((char) c);
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
            assertFalse(head.toString().toLowerCase(java.util.Locale.ROOT).contains("sec-websocket-extensions"), head.toString());
        }
    }

    @Test
    void sessionIdsAreUnguessable128BitValues() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = SessionRegistry.newId();
            assertEquals(16, Base64.getUrlDecoder().decode(id).length);
            assertTrue(seen.add(id));
        }
    }

    @Test
    void messagesReachTheEngineAndAReloadReattachesToTheLiveSession() throws Exception {
        try (ServerFixture f = ServerFixture.loopback()) {
            ServerFixture.Client first = f.connect("", Map.of());
            WebSocket ws = first.open();
            String id = sessionId(first);
            ws.sendText("{\"seq\":1,\"type\":\"request\",\"command\":\"threads\"}", true).get(5, TimeUnit.SECONDS);
            assertTrue(first.next().contains("\"response\""));
            FakeEngine.Fake engine = f.engine.sessions.get(0);
            assertEquals(List.of("{\"seq\":1,\"type\":\"request\",\"command\":\"threads\"}"), engine.received);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "reload").get(5, TimeUnit.SECONDS);

            int connectsBefore = engine.connects.get();
            ServerFixture.Client again = f.connect("?session=" + id + "&secret=" + secrets.get(id), Map.of());
            again.open();
            assertEquals(id, sessionId(again));
            // The server asks the engine after it sent the id: the two race.
            ServerFixture.await(() -> engine.connects.get() > connectsBefore, "the engine is asked to re-send the last stop");
            assertEquals(connectsBefore + 1, engine.connects.get(), "asked once");
            assertEquals(1, f.engine.sessions.size());

            ServerFixture.Client fresh = f.connect("", Map.of());
            fresh.open();
            assertNotEquals(id, sessionId(fresh));
        }
    }

    @Test
    void aBatchFrameIsItsMessagesInOrderAndABatchingClientGetsWhatEachFlushSentAsOneArray() throws Exception {
        try (ServerFixture f = ServerFixture.loopback()) {
            ServerFixture.Client c = f.connect("?batch=1", Map.of());
            WebSocket ws = c.open();
            sessionId(c);
            String threads = "{\"seq\":1,\"type\":\"request\",\"command\":\"threads\"}";
            String output = "{\"seq\":2,\"type\":\"request\",\"command\":\"emitOutput\"}";
            ws.sendText("[" + threads + ", " + output + "]", true).get(5, TimeUnit.SECONDS);
            FakeEngine.Fake engine = f.engine.sessions.get(0);
            ServerFixture.await(() -> engine.received.size() == 2, "both requests reach the engine");
            assertEquals(List.of(threads, output), engine.received);
            // The fake answers threads and flushes; then emits 100 output events of 1 KiB and the echo, then flushes.
            JsonNode first = JSON.readTree(c.next());
            assertEquals("response", first.path("type").asText(), "a lone message is a frame of its own: " + first);
            // 100 KiB of output between two flushes: arrays of at most 64 KiB (and the message that crossed it).
            List<JsonNode> messages = new java.util.ArrayList<>();
            int frames = 0;
            while (messages.isEmpty() || !"response".equals(messages.get(messages.size() - 1).path("type").asText())) {
                String frame = c.next();
                JsonNode batch = JSON.readTree(frame);
                assertTrue(batch.isArray(), "what one flush sent is one frame: " + frame.substring(0, 80));
                assertTrue(frame.length() < (64 << 10) + 2000, frame.length() + " chars in one frame");
                batch.forEach(messages::add);
                frames++;
            }
            assertEquals(101, messages.size());
            for (int i = 0; i < 100; i++) assertEquals("output", messages.get(i).path("event").asText());
            assertEquals(2, frames, "100 KiB in 64 KiB frames");
            // Without ?batch=1 each message is a frame, as before.
            ServerFixture.Client plain = f.connect("", Map.of());
            WebSocket pws = plain.open();
            sessionId(plain);
            pws.sendText(output, true).get(5, TimeUnit.SECONDS);
            for (int i = 0; i < 100; i++) assertEquals("output", JSON.readTree(plain.next()).path("event").asText());
            assertEquals("response", JSON.readTree(plain.next()).path("type").asText());
        }
    }

    @Test
    void anUnknownSessionIsClosedWithAReason() throws Exception {
        try (ServerFixture f = ServerFixture.loopback()) {
            ServerFixture.Client c = f.connect("?session=" + SessionRegistry.newId(), Map.of());
            c.open();
            assertEquals(ServerFixture.CLOSE_SESSION_GONE, c.closed.get(5, TimeUnit.SECONDS));
            assertEquals(0, f.engine.sessions.size());
        }
    }

    @Test
    void singleSessionModeGivesEveryPageTheSameSession() throws Exception {
        try (ServerFixture f = new ServerFixture(ServeOptions.defaults().withSingleSession(true))) {
            ServerFixture.Client a = f.connect("", Map.of());
            a.open();
            String id = sessionId(a);
            ServerFixture.Client b = f.connect("", Map.of());
            b.open();
            assertEquals(id, sessionId(b));
            assertEquals(ServerFixture.CLOSE_TAKEN_OVER, a.closed.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void singleSessionModeGivesAFreshSessionToThePageThatJustDisconnectedTheOldOne() throws Exception {
        try (ServerFixture f = new ServerFixture(ServeOptions.defaults().withSingleSession(true))) {
            ServerFixture.Client a = f.connect("", Map.of());
            WebSocket ws = a.open();
            String old = sessionId(a);
            ws.sendText("{\"seq\":1,\"type\":\"request\",\"command\":\"disconnect\"}", true).get(5, TimeUnit.SECONDS);
            a.until("\"disconnect\"");
            ServerFixture.Client b = f.connect("", Map.of()); // while the old session is still closing
            WebSocket bws = b.open();
            assertNotEquals(old, sessionId(b));
            assertEquals(ServerFixture.CLOSE_SESSION_GONE, a.closed.get(5, TimeUnit.SECONDS));
            bws.sendText("{\"seq\":1,\"type\":\"request\",\"command\":\"threads\"}", true).get(5, TimeUnit.SECONDS);
            b.until("\"response\"");
            assertFalse(b.closed.isDone(), "the new page keeps its session");
            assertEquals(2, f.engine.sessions.size());
        }
    }

    @Test
    void anOversizedMessageClosesTheSocketAndTheServerKeepsServing() throws Exception {
        try (ServerFixture f = new ServerFixture(ServeOptions.defaults().withLimits(16, 4096, 1 << 20))) {
            ServerFixture.Client c = f.connect("", Map.of());
            WebSocket ws = c.open();
            sessionId(c);
            ws.sendText("{\"pad\":\"" + "x".repeat(10_000) + "\"}", true);
            assertEquals(ServerFixture.CLOSE_TOO_BIG, c.closed.get(5, TimeUnit.SECONDS), "message too big");
            assertTrue(f.engine.sessions.get(0).received.isEmpty());
            ServerFixture.Client next = f.connect("", Map.of());
            next.open();
            sessionId(next);
        }
    }

    @Test
    void programOutputIsCappedAndReplayedToAReloadedPage() throws Exception {
        int cap = 20_000;
        try (ServerFixture f = new ServerFixture(ServeOptions.defaults().withLimits(16, 1 << 20, cap))) {
            ServerFixture.Client c = f.connect("", Map.of());
            WebSocket ws = c.open();
            String id = sessionId(c);
            ws.sendText("{\"seq\":1,\"type\":\"request\",\"command\":\"emitOutput\"}", true).get(5, TimeUnit.SECONDS);
            List<String> got = c.until("further output is not shown");
            got.addAll(c.until("\"response\""));
            long stdout = got.stream().filter(m -> m.contains("\"stdout\"")).count();
            assertEquals(cap / 1000, stdout, "output beyond the cap is dropped");
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "reload").get(5, TimeUnit.SECONDS);

            ServerFixture.Client again = f.connect("?session=" + id + "&secret=" + secrets.get(id), Map.of());
            again.open();
            sessionId(again);
            List<String> replay = again.until("further output is not shown");
            assertEquals(stdout, replay.stream().filter(m -> m.contains("\"stdout\"")).count());
            assertFalse(replay.stream().anyMatch(m -> m.contains("\"response\"")));
        }
    }
}
