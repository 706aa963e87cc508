package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.DapTestClient;
import dev.hindsight.dap.testing.Programs;
import dev.hindsight.dap.testing.StreamClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `hindsight dap` as a real process: stdio framing, TCP with several sessions, loopback only. */
@Timeout(180)
class TransportTest {
    static Process dap(String... args) throws Exception {
        return dap(null, args);
    }

    /** {@code tmp}: the server's temp directory (HINDSIGHT_TMPDIR), null for the default. */
    static Process dap(Path tmp, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DapMain.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd);
        if (tmp != null) b.environment().put("HINDSIGHT_TMPDIR", tmp.toString());
        return b.start();
    }

    /** Launch to entry, step a line, run to the end: the whole flow on one client. */
    static void debugToTheEnd(DapTestClient c) {
        JsonObject entry = c.launch(Map.of("program", Programs.compile("dap_basic.c").toString(), "stopOnEntry", true));
        int tid = entry.get("threadId").getAsInt();
        assertEquals(Programs.line("dap_basic.c", "main_start"), c.topFrame(tid).get("line").getAsInt());
        c.step("next", tid, null);
        assertEquals(Programs.line("dap_basic.c", "main_start") + 1, c.topFrame(tid).get("line").getAsInt());
        int m = c.mark();
        c.request("continue", Map.of("threadId", tid));
        assertEquals(3, c.event("exited", m, e -> true).getAsJsonObject("body").get("exitCode").getAsInt());
        c.event("terminated", m, e -> true);
    }

    @Test
    void stdioSpeaksFramedDapAndNothingElse() throws Exception {
        Process p = dap();
        try {
            StreamClient c = new StreamClient(p.getInputStream(), p.getOutputStream(), p::destroy);
            // A frame without Content-Length is skipped; the next message is served.
            c.writeBytes("X-Nonsense: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            debugToTheEnd(c);
            c.request("disconnect", Map.of());
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the adapter exits after disconnect");
            assertEquals(0, p.exitValue());
            assertEquals(List.of(), c.framingErrors(), "stdout carried only framed messages");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void stdinClosingEndsTheAdapterAndKillsTheProgram() throws Exception {
        Process p = dap();
        try {
            StreamClient c = new StreamClient(p.getInputStream(), p.getOutputStream(), p::destroy);
            JsonObject entry = c.launch(Map.of("program", Programs.compile("dap_endless.c").toString(), "stopOnEntry", true));
            long pid = entry.get("threadId").getAsInt();
            p.getOutputStream().close();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), "the debuggee died with its session");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void tcpServesSeveralSessionsAtOnce(@TempDir Path tmp) throws Exception {
        Process p = dap(tmp, "--port", "0");
        try {
            int port = announcedPort(p);
            List<CompletableFuture<Void>> sessions = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                sessions.add(CompletableFuture.runAsync(() -> {
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        StreamClient c = new StreamClient(s.getInputStream(), s.getOutputStream(), s);
                        debugToTheEnd(c);
                        c.request("disconnect", Map.of());
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }));
            }
            CompletableFuture.allOf(sessions.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            assertTrue(p.isAlive(), "the server keeps serving");
            // SIGTERM, as a service manager stops it: whatever a session still held goes with it (SIGKILL
            // here left the sessions' directories in /tmp when it beat their close after disconnect).
            p.destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the server ends on SIGTERM");
            try (var left = java.nio.file.Files.list(tmp)) {
                assertEquals(List.of(), left.toList(), "session directories left behind");
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The port the server says it listens on, read from its stderr by a thread that goes on
     * draining it (a full pipe would block the server's logging); fails if it never says so.
     */
    static int announcedPort(Process p) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)$");
            try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    said.add(line);
                    Matcher m = listening.matcher(line);
                    if (m.find()) port.complete(Integer.parseInt(m.group(1)));
                }
            } catch (java.io.IOException e) {
                // the server is gone
            }
            port.complete(null);
        }, "test-server-stderr");
        reader.setDaemon(true);
        reader.start();
        Integer chosen;
        try {
            chosen = port.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            chosen = null;
        }
        assertNotNull(chosen, "the server says it listens on loopback, and where: " + said);
        assertTrue(chosen > 0, "a port was chosen for --port 0: " + chosen);
        return chosen;
    }

    @Test
    void aNonLoopbackHostIsRefusedUnlessAllowed() throws Exception {
        Process p = dap("--port", "0", "--host", "0.0.0.0");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertTrue(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).contains("--allow-remote"));
    }

    @Test
    void twoInProcessSessionsDebugIndependently() throws Exception {
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> {
            try (DapTestClient c = DapTestClient.inProcess()) {
                debugToTheEnd(c);
            }
        });
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> {
            try (DapTestClient c = DapTestClient.inProcess()) {
                JsonObject stop = c.launch(Map.of("program", Programs.compile("dap_crash.c").toString()));
                c.stopped(0);
                assertEquals("exception", c.stopped(0).get("reason").getAsString(), stop == null ? "" : stop.toString());
            }
        });
        CompletableFuture.allOf(a, b).get(120, TimeUnit.SECONDS);
    }
}
