package dev.hindsight.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hindsight.web.engine.DapEngine;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spinning program whose page went away, on the real engine: stopped at once, killed after the grace. */
class RealEngineGraceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPINNER = """
            #include <stdio.h>
            #include <unistd.h>
            int main(void) {
                printf("pid=%d\\n", (int) getpid());
                fflush(stdout);
                volatile unsigned long spins = 0;
                for (;;) spins++;
            }
            """;

    /** The process state letter of /proc/PID/stat: R running, t stopped by its tracer, '?' gone. */
    private static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (Exception e) {
            return '?';
        }
    }

    @Test
    void aSpinningProgramIsPausedWhenItsPageGoesAwayAndKilledAfterTheGrace(@TempDir Path tempRoot) throws Exception {
        ServeOptions options = ServeOptions.defaults().withGrace(Duration.ofSeconds(4));
        try (ServerFixture f = new ServerFixture(options, new DapEngine(tempRoot))) {
            ServerFixture.Client c = f.connect("", Map.of());
            WebSocket ws = c.open();
            Created created = Created.from(c);
            RealEngineTest.send(ws, 1, "initialize", JSON.createObjectNode().put("adapterID", "hindsight"));
            ObjectNode launch = JSON.createObjectNode().put("stopOnEntry", false);
            launch.putArray("sources").addObject().put("name", "main.c").put("text", SPINNER);
            RealEngineTest.send(ws, 2, "launch", launch);
            RealEngineTest.send(ws, 3, "configurationDone", JSON.createObjectNode());
            long pid = -1;
            while (pid < 0) {
                JsonNode m = JSON.readTree(c.next());
                String out = m.path("body").path("output").asText("");
                if ("output".equals(m.path("event").asText()) && out.startsWith("pid=")) pid = Long.parseLong(out.trim().substring(4));
            }
            long program = pid;
            GraceTest.waitFor("the program spins", () -> state(program) == 'R');

            ws.sendClose(WebSocket.NORMAL_CLOSURE, "tab closed").get(5, TimeUnit.SECONDS);
            GraceTest.waitFor("the program is stopped by its tracer", () -> state(program) == 't');

            ServerFixture.Client back = f.connect(created.reattach(), Map.of());
            back.open();
            assertEquals(created, Created.from(back));
            List<String> resent = back.until("\"stopped\"");
            JsonNode stopped = JSON.readTree(resent.get(resent.size() - 1));
            assertEquals("pause", stopped.path("body").path("reason").asText(), "the page that came back learns where it was paused");
            assertEquals('t', state(program), "still paused");

            back.socket.get().sendClose(WebSocket.NORMAL_CLOSURE, "tab closed again").get(5, TimeUnit.SECONDS);
            GraceTest.waitFor("the program is killed after the grace", () -> !RealEngineTest.alive(program));
            assertEquals(0, f.server.sessionCount());
        }
    }
}
