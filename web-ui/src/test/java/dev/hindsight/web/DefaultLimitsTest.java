package dev.hindsight.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The limits README.md promises for {@code hindsight serve}, at the values a server started without
 * options has (not small configured ones): messages up to 1 MiB, program output up to 1 MiB per
 * session, sessions idle for 30 minutes ended.
 */
class DefaultLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIB = 1024 * 1024;

    /** The options `hindsight serve` runs with when given none (ServeCommand parses its arguments so). */
    private static ServeOptions asStartedWithoutOptions() {
        return ServeCommand.withRequiredToken(ServeOptions.parse());
    }

    @Test
    void sessionsIdleFor30MinutesAreEndedByDefault() {
        assertEquals(Duration.ofMinutes(30), asStartedWithoutOptions().idleTimeout());
    }

    /** A DAP request of exactly {@code bytes} bytes (ASCII, so characters and bytes agree). */
    private static String requestOfSize(int seq, int bytes) {
        String head = "{\"seq\":" + seq + ",\"type\":\"request\",\"command\":\"threads\",\"arguments\":{\"pad\":\"";
        String tail = "\"}}";
        return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
    }

    @Test
    void aMessageOf1MiBIsTakenAndOneByteMoreClosesTheSocketWhileTheServerGoesOn() throws Exception {
        try (ServerFixture f = new ServerFixture(asStartedWithoutOptions())) {
            ServerFixture.Client c = f.connect("", Map.of());
            WebSocket ws = c.open();
            c.next();
            String largest = requestOfSize(1, MIB);
            assertEquals(MIB, largest.length());
            ws.sendText(largest, true).get(10, TimeUnit.SECONDS);
            c.until("\"response\"");
            FakeEngine.Fake engine = f.engine.sessions.get(0);
            assertEquals(List.of(largest), engine.received);

            ws.sendText(requestOfSize(2, MIB + 1), true);
            assertEquals(ServerFixture.CLOSE_TOO_BIG, c.closeCode(), "message too big");
            assertEquals(1, engine.received.size(), "the oversized message never reached the session");

            // The limit is on messages, not frames: two frames of 600 KiB are one message too many.
            ServerFixture.Client split = f.connect("", Map.of());
            WebSocket sws = split.open();
            split.next();
            String whole = requestOfSize(3, 1200 * 1024);
            sws.sendText(whole.substring(0, 600 * 1024), false).get(10, TimeUnit.SECONDS);
            sws.sendText(whole.substring(600 * 1024), true);
            assertEquals(ServerFixture.CLOSE_TOO_BIG, split.closeCode(), "message too big");
            assertTrue(f.engine.sessions.get(1).received.isEmpty());

            ServerFixture.Client next = f.connect("", Map.of());
            WebSocket nws = next.open();
            next.next();
            nws.sendText("{\"seq\":1,\"type\":\"request\",\"command\":\"threads\"}", true).get(5, TimeUnit.SECONDS);
            assertTrue(next.next().contains("\"response\""), "the server goes on serving");
        }
    }

    @Test
    void programOutputStopsAfterItsFirstMiBWithANoteAndAReloadGetsTheSame() throws Exception {
        StringBuilder printed = new StringBuilder();
        for (int i = 0; i < FakeEngine.NUMBERED_CHUNKS; i++) printed.append(FakeEngine.numberedChunk(i));
        String firstMiB = printed.substring(0, MIB);
        try (ServerFixture f = new ServerFixture(asStartedWithoutOptions())) {
            ServerFixture.Client c = f.connect("", Map.of());
            WebSocket ws = c.open();
            JsonNode session = JSON.readTree(c.next()).path("body");
            String id = session.path("id").asText();
            String secret = session.path("secret").asText();
            ws.sendText("{\"seq\":1,\"type\":\"request\",\"command\":\"emitNumberedOutput\"}", true).get(5, TimeUnit.SECONDS);
            List<String> live = c.until("\"response\"");
            assertShowsFirstMiBThenTheNote(live, firstMiB);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "reload").get(5, TimeUnit.SECONDS);

            // A reload reattaches with the secret its page was given, as the page does.
            ServerFixture.Client again = f.connect("?session=" + id + "&secret=" + secret, Map.of());
            again.open();
            again.next();
            assertShowsFirstMiBThenTheNote(again.until("further output is not shown"), firstMiB);
        }
    }

    private static void assertShowsFirstMiBThenTheNote(List<String> messages, String firstMiB) throws Exception {
        StringBuilder stdout = new StringBuilder();
        int notes = 0;
        for (String m : messages) {
            JsonNode body = JSON.readTree(m).path("body");
            if (!"output".equals(JSON.readTree(m).path("event").asText())) continue;
            if (body.path("category").asText().equals("stdout")) {
                assertEquals(0, notes, "no program output after the note");
                stdout.append(body.path("output").asText());
            } else if (body.path("output").asText().contains("further output is not shown")) {
                notes++;
            }
        }
        assertEquals(firstMiB.length(), stdout.length(), "exactly the first MiB is shown");
        assertTrue(firstMiB.contentEquals(stdout), "in order");
        assertEquals(1, notes, "one note says the output was cut");
    }
}
