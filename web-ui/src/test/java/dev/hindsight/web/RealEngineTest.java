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
        ServeOptions options = ServeOptions.defaults().withIdleTimeout(Duration.ofSeconds(8)); // outlasts a compile on a loaded machine
        try (ServerFixture f = new ServerFixture(options, new DapEngine(tempRoot))) {
            ServerFixture.Client c = f.connect("", Map.of());
            WebSocket ws = c.open();
            c.next();
            send(ws, 1, "initialize", JSON.createObjectNode().put("adapterID", "hindsight"));
            send(ws, 2, "launch", launchOf(PROGRAM));
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
            assertEquals(ServerFixture.CLOSE_SESSION_GONE, c.closed.get(30, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (alive(pid) && System.nanoTime() < deadline) Thread.sleep(50);
            assertFalse(alive(pid), "the program was killed with its session");
            try (Stream<Path> files = Files.list(tempRoot)) {
                assertFalse(files.findAny().isPresent(), "the session's files are gone");
            }
        }
    }

    @Test
    void badMessagesGetErrorsAndTheSessionKeepsServing(@TempDir Path tempRoot) throws Exception {
        try (ServerFixture f = new ServerFixture(ServeOptions.defaults(), new DapEngine(tempRoot))) {
            ServerFixture.Client c = f.connect("", Map.of());
            WebSocket ws = c.open();
            c.next();
            send(ws, 1, "initialize", JSON.createObjectNode().put("adapterID", "hindsight"));
            ws.sendText("this is not JSON {", true).get(5, TimeUnit.SECONDS);
            send(ws, 2, "launch", JSON.createObjectNode().put("program", "/bin/true"));
            send(ws, 3, "attach", JSON.createObjectNode().put("pid", ProcessHandle.current().pid()));
            ObjectNode elsewhere = launchOf(PROGRAM).put("cwd", tempRoot.toString());
            send(ws, 4, "launch", elsewhere);
            send(ws, 5, "initialize", JSON.createObjectNode().put("adapterID", "hindsight"));
            Map<Integer, JsonNode> responses = new java.util.HashMap<>();
            while (!responses.containsKey(5)) {
                JsonNode m = JSON.readTree(c.next());
                if ("response".equals(m.path("type").asText())) responses.put(m.path("request_seq").asInt(), m);
            }
            assertTrue(responses.get(1).path("success").asBoolean());
            assertTrue(responses.get(2).path("message").asText().contains("only runs programs sent as 'sources'"), responses.get(2).toString());
            assertTrue(responses.get(3).path("message").asText().contains("does not allow attaching"), responses.get(3).toString());
            assertFalse(responses.get(4).path("success").asBoolean(), "a web session has no 'cwd': " + responses.get(4));
            assertTrue(responses.get(4).path("message").asText().contains("'cwd'"), responses.get(4).toString());
            assertTrue(responses.get(5).path("success").asBoolean());
        }
    }

    /** README: program output up to 1 MiB per session, at the server's defaults, from a real program. */
    @Test
    void aProgramWritingMoreThan1MiBShowsItsStartThenANote(@TempDir Path tempRoot) throws Exception {
        int mib = 1024 * 1024;
        String pad = "x".repeat(91);
        StringBuilder printed = new StringBuilder();
        // The program runs on a terminal (the page's): each line ends in the terminal's CR LF.
        for (int i = 0; i < 20_000; i++) printed.append(String.format("%07d %s\r\n", i, pad)); // 2,020,000 bytes
        String program = "#include <stdio.h>\nint main(void) {\n"
                + "    for (int i = 0; i < 20000; i++) printf(\"%07d %s\\n\", i, \"" + pad + "\");\n"
                + "    return 0;\n}\n";
        try (ServerFixture f = new ServerFixture(ServeCommand.withRequiredToken(ServeOptions.parse()), new DapEngine(tempRoot))) {
            ServerFixture.Client c = f.connect("", Map.of());
            WebSocket ws = c.open();
            c.next();
            send(ws, 1, "initialize", JSON.createObjectNode().put("adapterID", "hindsight"));
            send(ws, 2, "launch", launchOf(program));
            send(ws, 3, "configurationDone", JSON.createObjectNode());
            StringBuilder stdout = new StringBuilder();
            int notes = 0;
            for (String m : c.until("\"exited\"")) {
                JsonNode body = JSON.readTree(m).path("body");
                if (!"output".equals(JSON.readTree(m).path("event").asText())) continue;
                String category = body.path("category").asText();
                if (category.equals("stdout")) {
                    assertEquals(0, notes, "no program output after the note");
                    stdout.append(body.path("output").asText());
                } else if (category.equals("stderr")) {
                    assertTrue(body.path("output").asText().contains("further output is not shown"), body.toString());
                    notes++;
                }
            }
            assertEquals(1, notes, "one note says the output was cut");
            assertTrue(stdout.length() <= mib, stdout.length() + " characters shown");
            // The cut may fall at the start of the output event that crosses 1 MiB; one event is one
            // read of the program's pipe, at most its 64 KiB capacity.
            assertTrue(stdout.length() > mib - 64 * 1024, stdout.length() + " characters shown");
            assertTrue(printed.substring(0, stdout.length()).contentEquals(stdout), "the start of what the program printed, in order");
        }
    }

    private static ObjectNode launchOf(String source) {
        ObjectNode launch = JSON.createObjectNode().put("stopOnEntry", false);
        launch.putArray("sources").addObject().put("name", "main.c").put("text", source);
        return launch;
    }

    static void send(WebSocket ws, int seq, String command, ObjectNode arguments) throws Exception {
        ObjectNode m = JSON.createObjectNode().put("seq", seq).put("type", "request").put("command", command);
        m.set("arguments", arguments);
        ws.sendText(m.toString(), true).get(5, TimeUnit.SECONDS);
    }

    /** Alive and not a zombie waiting to be reaped. */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (Exception e) {
            return false;
        }
    }
}
