package dev.hindsight.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.web.engine.DapEngine;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web server on the real DAP engine: a real program compiled from inline source, really killed. */
class RealEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROGRAM = """
            #include <stdio.h>
            #include <unistd.h>
            int main(void) {
                printf("pid=%d\\n", (int) getpid());
                fflush(stdout);
                for (;;) pause();
            }
            """;

    @Test
    void anIdleSessionsProgramIsKilledAndItsFilesRemoved(@TempDir Path tempRoot) throws Exception {
        ServeOptions options = ServeOptions.defaults().withIdleTimeout(Duration.ofSeconds(3));
        try (ServerFixture f = new ServerFixture(options, new DapEngine(tempRoot))) {
            ServerFixture.Client c = f.connect("", Map.of());
            WebSocket ws = c.open();
            c.next();
            send(ws, 1, "initialize", JSON.createObjectNode().put("adapterID", "hindsight"));
            ObjectNode launch = JSON.createObjectNode().put("stopOnEntry", false);
            launch.putArray("sources").addObject().put("name", "main.c").put("text", PROGRAM);
            send(ws, 2, "launch", launch);
            send(ws, 3, "configurationDone", JSON.createObjectNode());
            long pid = -1;
            while (pid < 0) {
                JsonNode m = JSON.readTree(c.next());
                String out = m.path("body").path("output").asText("");
                if ("output".equals(m.path("event").asText()) && out.startsWith("pid=")) pid = Long.parseLong(out.trim().substring(4));
            }
            assertTrue(alive(pid), "the program runs");
            try (Stream<Path> files = Files.list(tempRoot)) {
                assertTrue(files.findAny().isPresent(), "the session has its files");
            }
            assertEquals(DapSocket.SESSION_GONE, c.closed.get(30, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (alive(pid) && System.nanoTime() < deadline) Thread.sleep(50);
            assertFalse(alive(pid), "the program was killed with its session");
            try (Stream<Path> files = Files.list(tempRoot)) {
                assertFalse(files.findAny().isPresent(), "the session's files are gone");
            }
        }
    }

    private static void send(WebSocket ws, int seq, String command, ObjectNode arguments) throws Exception {
        ObjectNode m = JSON.createObjectNode().put("seq", seq).put("type", "request").put("command", command);
        m.set("arguments", arguments);
        ws.sendText(m.toString(), true).get(5, TimeUnit.SECONDS);
    }

    /** Alive and not a zombie waiting to be reaped. */
    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (Exception e) {
            return false;
        }
    }
}
