package dev.hindsight.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdleExpiryTest {

    @Test
    void anIdleSessionIsClosedAndItsDebuggeeKilled() throws Exception {
        ServeOptions quick = ServeOptions.defaults().withIdleTimeout(Duration.ofMillis(300));
        try (ServerFixture f = new ServerFixture(quick)) {
            ServerFixture.Client c = f.connect("", Map.of());
            c.open();
            c.next();
            FakeEngine.Fake session = f.engine.sessions.get(0);
            assertTrue(session.debuggee.isAlive());
            assertEquals(ServerFixture.CLOSE_SESSION_GONE, c.closed.get(10, TimeUnit.SECONDS), "the page is told");
            assertTrue(session.debuggee.waitFor(10, TimeUnit.SECONDS), "the debuggee is killed");
            assertTrue(session.closed);
            assertEquals(0, f.server.sessionCount());
        }
    }

    @Test
    void aSessionThatEndsByItselfLeavesTheRegistry() throws Exception {
        try (ServerFixture f = ServerFixture.loopback()) {
            ServerFixture.Client c = f.connect("", Map.of());
            c.open();
            c.next();
            assertEquals(1, f.server.sessionCount());
            f.engine.sessions.get(0).endByItself();
            assertEquals(0, f.server.sessionCount());
            assertEquals(ServerFixture.CLOSE_SESSION_GONE, c.closed.get(5, TimeUnit.SECONDS));
        }
    }
}
