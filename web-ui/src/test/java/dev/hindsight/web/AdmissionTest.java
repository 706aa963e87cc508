package dev.hindsight.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Who gets a session: capacity, each client address's share, and a session only for its creator. */
class AdmissionTest {

    /** A session that launched a program, with its socket. */
    private record Live(ServerFixture.Client client, WebSocket socket, Created created) {
    }

    private static Live launched(ServerFixture f, Map<String, String> headers) throws Exception {
        ServerFixture.Client c = f.connect("", headers);
        WebSocket ws = c.open();
        Created created = Created.from(c);
        Created.launch(ws, 1);
        c.until("\"response\"");
        return new Live(c, ws, created);
    }

    /** Whether the server gave {@code c} a session (its first message) rather than closing it. */
    private static boolean admitted(ServerFixture.Client c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!c.messages.isEmpty()) return c.messages.peek().contains("hindsight/session");
            if (c.closed.isDone()) return false;
            Thread.sleep(10);
        }
        throw new AssertionError("neither a session nor a close within 10 s");
    }

    @Test
    void openingConnectionsNeverEndsALiveSession() throws Exception {
        try (ServerFixture f = new ServerFixture(ServeOptions.defaults().withMaxSessions(2))) {
            Live owner = launched(f, Map.of());
            FakeEngine.Fake program = f.engine.sessions.get(0);
            List<ServerFixture.Client> bare = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ServerFixture.Client c = f.connect("", Map.of());
                c.open();
                bare.add(c);
            }
            int refused = 0;
            for (ServerFixture.Client c : bare) {
                if (!admitted(c)) {
                    assertEquals(DapSocket.TRY_AGAIN_LATER, c.closed.get(5, TimeUnit.SECONDS));
                    refused++;
                }
            }
            assertFalse(owner.client().closed.isDone(), "the live session's page is still connected");
            assertFalse(program.closed);
            assertEquals(16 - 3, refused, "this address holds at most 4 sessions, the live one included");
            assertTrue(program.debuggee.isAlive());
            owner.socket().sendText("{\"seq\":2,\"type\":\"request\",\"command\":\"threads\"}", true).get(5, TimeUnit.SECONDS);
            assertTrue(owner.client().next().contains("\"response\""));
        }
    }

    @Test
    void beyondTheCapacityANewSessionIsRefusedAsServerBusy() throws Exception {
        try (ServerFixture f = new ServerFixture(ServeOptions.defaults().withMaxSessions(2).withMaxSessionsPerClient(10))) {
            Live first = launched(f, Map.of());
            launched(f, Map.of());
            ServerFixture.Client third = f.connect("", Map.of());
            third.open();
            assertEquals(DapSocket.TRY_AGAIN_LATER, third.closed.get(5, TimeUnit.SECONDS));
            assertTrue(third.closeReason.contains("server busy: all 2 debugging sessions are in use"), third.closeReason);
            assertEquals(2, f.engine.sessions.size(), "no engine session for the refused connection");

            first.socket().sendText("{\"seq\":2,\"type\":\"request\",\"command\":\"disconnect\"}", true).get(5, TimeUnit.SECONDS);
            assertEquals(DapSocket.SESSION_GONE, first.client().closed.get(5, TimeUnit.SECONDS));
            launched(f, Map.of()); // the room it left is free again
        }
    }

    @Test
    void aLaunchBeyondTheCapacityIsAnsweredServerBusy() throws Exception {
        try (ServerFixture f = new ServerFixture(ServeOptions.defaults().withMaxSessions(1))) {
            ServerFixture.Client late = f.connect("", Map.of());
            WebSocket lateSocket = late.open();
            Created.from(late); // connected while there was room, launching after the room is gone
            launched(f, Map.of());
            Created.launch(lateSocket, 7);
            String answer = late.next();
            assertTrue(answer.contains("\"request_seq\":7") && answer.contains("\"success\":false")
                    && answer.contains("server busy"), answer);
            assertEquals(DapSocket.TRY_AGAIN_LATER, late.closed.get(5, TimeUnit.SECONDS));
            FakeEngine.Fake refused = f.engine.sessions.get(0);
            assertTrue(refused.received.isEmpty(), "the launch never reached the engine");
            assertTrue(refused.debuggee.waitFor(10, TimeUnit.SECONDS), "the refused session is ended");
            assertEquals(1, f.server.sessionCount());
        }
    }

    @Test
    void eachClientAddressHoldsAtMostItsShare() throws Exception {
        ServeOptions two = ServeOptions.defaults().withMaxSessionsPerClient(2);
        try (ServerFixture f = new ServerFixture(two.withTrustProxy(true))) {
            launched(f, Map.of("X-Forwarded-For", "10.0.0.1"));
            launched(f, Map.of("X-Forwarded-For", "10.0.0.1"));
            ServerFixture.Client third = f.connect("", Map.of("X-Forwarded-For", "10.0.0.1"));
            third.open();
            assertEquals(DapSocket.TRY_AGAIN_LATER, third.closed.get(5, TimeUnit.SECONDS));
            assertTrue(third.closeReason.contains("your address already holds 2 sessions"), third.closeReason);
            launched(f, Map.of("X-Forwarded-For", "10.0.0.2"));
            // Entries before the last one are whatever the client sent: the proxy's own entry counts.
            ServerFixture.Client forged = f.connect("", Map.of("X-Forwarded-For", "10.0.0.9, 10.0.0.1"));
            forged.open();
            assertEquals(DapSocket.TRY_AGAIN_LATER, forged.closed.get(5, TimeUnit.SECONDS));
        }
        try (ServerFixture f = new ServerFixture(two)) {
            launched(f, Map.of("X-Forwarded-For", "10.0.0.1"));
            launched(f, Map.of("X-Forwarded-For", "10.0.0.2"));
            ServerFixture.Client third = f.connect("", Map.of("X-Forwarded-For", "10.0.0.3"));
            third.open();
            assertEquals(DapSocket.TRY_AGAIN_LATER, third.closed.get(5, TimeUnit.SECONDS), "without --trust-proxy the header is ignored");
        }
    }

    @Test
    void aPausedSessionWhosePageWentAwayStillCountsAgainstItsAddress() throws Exception {
        try (ServerFixture f = new ServerFixture(ServeOptions.defaults().withMaxSessionsPerClient(1))) {
            Live gone = launched(f, Map.of());
            gone.socket().sendClose(WebSocket.NORMAL_CLOSURE, "tab closed").get(5, TimeUnit.SECONDS);
            GraceTest.waitFor("the page's departure is seen", () -> f.engine.sessions.get(0).received.stream()
                    .anyMatch(m -> m.contains("\"pause\"")));
            ServerFixture.Client next = f.connect("", Map.of());
            next.open();
            assertEquals(DapSocket.TRY_AGAIN_LATER, next.closed.get(5, TimeUnit.SECONDS));
            ServerFixture.Client back = f.connect(gone.created().reattach(), Map.of());
            back.open();
            assertEquals(gone.created(), Created.from(back), "its own page may come back to it");
        }
    }

    @Test
    void aSessionIdAloneDoesNotOpenTheSession() throws Exception {
        try (ServerFixture f = ServerFixture.loopback()) {
            Live owner = launched(f, Map.of());
            String id = owner.created().id();
            for (String query : new String[] {"?session=" + id, "?session=" + id + "&secret=" + SessionRegistry.newId()}) {
                ServerFixture.Client other = f.connect(query, Map.of());
                other.open();
                assertEquals(DapSocket.NOT_YOURS, other.closed.get(5, TimeUnit.SECONDS), query);
            }
            assertFalse(owner.client().closed.isDone(), "the owner's page keeps its session");
            assertEquals(1, f.engine.sessions.size());

            ServerFixture.Client again = f.connect(owner.created().reattach(), Map.of());
            again.open();
            assertEquals(owner.created(), Created.from(again), "the creator's other tab gets it, secret and all");
            assertEquals(DapSocket.TAKEN_OVER, owner.client().closed.get(5, TimeUnit.SECONDS));
            assertNotEquals(owner.created().id(), owner.created().secret());
        }
    }

    @Test
    void aConnectionThatLaunchesNothingIsClosed() throws Exception {
        ServeOptions quick = ServeOptions.defaults().withLaunchTimeout(Duration.ofSeconds(3));
        try (ServerFixture f = new ServerFixture(quick)) {
            Live live = launched(f, Map.of());
            ServerFixture.Client bare = f.connect("", Map.of());
            bare.open();
            Created.from(bare);
            assertEquals(DapSocket.SESSION_GONE, bare.closed.get(10, TimeUnit.SECONDS));
            assertTrue(f.engine.sessions.get(1).debuggee.waitFor(10, TimeUnit.SECONDS));
            assertFalse(live.client().closed.isDone(), "a session that launched is not timed out");
            assertEquals(1, f.server.sessionCount());
        }
    }
}
