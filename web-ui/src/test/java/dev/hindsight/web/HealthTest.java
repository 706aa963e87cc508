package dev.hindsight.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code /healthz} for load balancers, and the instance name in session ids. */
class HealthTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void healthzReportsTheSessionsInUseAndIsUnavailableWhenFull() throws Exception {
        ServeOptions options = ServeOptions.defaults().withMaxSessions(2).withInstance(Optional.of("east-1"))
                .withToken(Optional.of("t0k"));
        try (ServerFixture f = new ServerFixture(options)) {
            assertHealth(f, 200, "{\"sessions\":0,\"capacity\":2,\"instance\":\"east-1\"}");
            assertEquals(401, f.get("/", Map.of()).statusCode(), "everything else still needs the token");

            ServerFixture.Client pending = f.connect("?token=t0k", Map.of());
            WebSocket first = pending.open();
            Created created = Created.from(pending);
            assertTrue(created.id().startsWith("east-1.") && created.id().length() == "east-1.".length() + 22, created.id());
            assertEquals("east-1", created.instance());
            assertHealth(f, 200, "{\"sessions\":0,\"capacity\":2,\"instance\":\"east-1\"}");
            Created.launch(first, 1);
            pending.until("\"response\"");
            assertHealth(f, 200, "{\"sessions\":1,\"capacity\":2,\"instance\":\"east-1\"}");

            ServerFixture.Client second = f.connect("?token=t0k", Map.of());
            WebSocket ws = second.open();
            Created.from(second);
            Created.launch(ws, 1);
            second.until("\"response\"");
            assertHealth(f, 503, "{\"sessions\":2,\"capacity\":2,\"instance\":\"east-1\"}");
        }
    }

    @Test
    void withoutAnInstanceNameIdsAreBare() throws Exception {
        try (ServerFixture f = ServerFixture.loopback()) {
            ServerFixture.Client c = f.connect("", Map.of());
            c.open();
            Created created = Created.from(c);
            assertEquals(22, created.id().length(), created.id());
            assertEquals(null, created.instance());
            assertHealth(f, 200, "{\"sessions\":0,\"capacity\":16}");
        }
    }

    private static void assertHealth(ServerFixture f, int status, String json) throws Exception {
        HttpResponse<String> r = f.get("/healthz", Map.of());
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(JSON.readTree(json), JSON.readTree(r.body()));
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    }
}
