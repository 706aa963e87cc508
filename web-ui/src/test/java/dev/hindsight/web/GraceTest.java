package dev.hindsight.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** A page that goes away: its program is paused at once, and ended after the grace period unless the page comes back. */
class GraceTest {

    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 30 s: " + what);
            Thread.sleep(20);
        }
    }

    private static boolean pauseAsked(FakeEngine.Fake engine) {
        return engine.received.stream().anyMatch(m -> m.contains("\"command\":\"pause\""));
    }

    @Test
    void aPageThatGoesAwayPausesItsProgramAtOnceAndEndsItAfterTheGrace() throws Exception {
        try (ServerFixture f = new ServerFixture(ServeOptions.defaults().withGrace(Duration.ofMillis(500)))) {
            ServerFixture.Client c = f.connect("", Map.of());
            WebSocket ws = c.open();
            Created.from(c);
            Created.launch(ws, 1);
            c.until("\"response\"");
            FakeEngine.Fake engine = f.engine.sessions.get(0);
            assertFalse(pauseAsked(engine), "no pause while the page is there");
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "tab closed").get(5, TimeUnit.SECONDS);
            waitFor("the program is paused", () -> pauseAsked(engine));
            assertTrue(engine.debuggee.waitFor(30, TimeUnit.SECONDS), "the program is ended after the grace");
            assertEquals(0, f.server.sessionCount());
        }
    }

    @Test
    void aPageThatComesBackWithinTheGraceKeepsItsSession() throws Exception {
        Duration grace = Duration.ofSeconds(3);
        try (ServerFixture f = new ServerFixture(ServeOptions.defaults().withGrace(grace))) {
            ServerFixture.Client c = f.connect("", Map.of());
            WebSocket ws = c.open();
            Created created = Created.from(c);
            Created.launch(ws, 1);
            c.until("\"response\"");
            FakeEngine.Fake engine = f.engine.sessions.get(0);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "reload").get(5, TimeUnit.SECONDS);
            waitFor("the program is paused", () -> pauseAsked(engine));
            ServerFixture.Client back = f.connect(created.reattach(), Map.of());
            WebSocket backSocket = back.open();
            assertEquals(created, Created.from(back));
            // Past the grace of the first page's departure: the session is still there.
            assertFalse(engine.debuggee.waitFor(grace.toMillis() * 2, TimeUnit.MILLISECONDS));
            assertFalse(engine.closed);
            backSocket.sendText("{\"seq\":2,\"type\":\"request\",\"command\":\"threads\"}", true).get(5, TimeUnit.SECONDS);
            assertTrue(back.until("\"response\"").size() > 0);
        }
    }

    @Test
    void aGraceOfZeroEndsTheSessionAsItsPageGoes() throws Exception {
        try (ServerFixture f = new ServerFixture(ServeOptions.parse("--grace", "0"))) {
            ServerFixture.Client c = f.connect("", Map.of());
            WebSocket ws = c.open();
            Created.from(c);
            Created.launch(ws, 1);
            c.until("\"response\"");
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "tab closed").get(5, TimeUnit.SECONDS);
            assertTrue(f.engine.sessions.get(0).debuggee.waitFor(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aSessionThatLaunchedNothingIsNotPaused() throws Exception {
        try (ServerFixture f = new ServerFixture(ServeOptions.defaults().withGrace(Duration.ofMillis(200)))) {
            ServerFixture.Client c = f.connect("", Map.of());
            WebSocket ws = c.open();
            Created.from(c);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "gone").get(5, TimeUnit.SECONDS);
            FakeEngine.Fake engine = f.engine.sessions.get(0);
            assertTrue(engine.debuggee.waitFor(30, TimeUnit.SECONDS), "ended after the grace");
            assertTrue(engine.received.isEmpty(), "nothing to pause: no request reached the engine");
        }
    }
}
