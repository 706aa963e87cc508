package dev.hindsight.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.WebSocket;
import java.util.concurrent.TimeUnit;

/** The {@code hindsight/session} event a new connection gets first: the session's id, its secret and the server's name. */
record Created(String id, String secret, String instance) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Created from(ServerFixture.Client c) throws Exception {
        JsonNode m = JSON.readTree(c.next());
        assertEquals("hindsight/session", m.path("event").asText(), m.toString());
        JsonNode body = m.path("body");
        return new Created(body.path("id").asText(), body.path("secret").asText(), body.path("instance").asText(null));
    }

    /** The query that reattaches to this session as its creator. */
    String reattach() {
        return "?session=" + id + "&secret=" + secret;
    }

    /** Sends a launch request (what makes a session count against the server's capacity). */
    static void launch(WebSocket ws, int seq) throws Exception {
        ws.sendText("{\"seq\":" + seq + ",\"type\":\"request\",\"command\":\"launch\",\"arguments\":{\"sources\":[]}}", true)
                .get(5, TimeUnit.SECONDS);
    }
}
