package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hindsight.dap.testing.Programs;
import dev.hindsight.dap.testing.StreamClient;
import dev.hindsight.dap.transport.FrameReader;
import dev.hindsight.dap.transport.StreamConnection;
import dev.hindsight.dap.transport.StreamLimits;
import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README on stopState: sent right behind a step or continue, it is answered "just after the
 * stopped event and in the same write". Checked on the bytes the real transport writes to a TCP
 * client (as to stdout): each write call to the socket is recorded.
 */
@Timeout(120)
class StopStateWireTest {
    static final String STDIN = "dap_stdin.c";

    /** The socket's output stream, recording what each write call carried. */
    private static final class Writes extends FilterOutputStream {
        private final List<byte[]> calls = new ArrayList<>();

        Writes(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (calls) {
                calls.add(java.util.Arrays.copyOfRange(b, off, off + len));
            }
            out.write(b, off, len);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        /** The messages of each write, in order. */
        List<List<JsonObject>> messages() throws IOException {
            List<byte[]> copy;
            synchronized (calls) {
                copy = List.copyOf(calls);
            }
            List<List<JsonObject>> out = new ArrayList<>();
            for (byte[] call : copy) {
                FrameReader frames = new FrameReader(new ByteArrayInputStream(call));
                List<JsonObject> messages = new ArrayList<>();
                for (String m; (m = frames.read()) != null; ) messages.add(JsonParser.parseString(m).getAsJsonObject());
                out.add(messages);
            }
            return out;
        }
    }

    /**
     * The stops come only when the test feeds the program a line, after a threads request sent
     * behind the stopState has been answered: by then the session holds the stopState (requests
     * are served in order), however slowly this machine delivers them.
     */
    @Test
    void behindAStepOrAContinueItLeavesJustAfterTheStoppedEventInTheSameWrite() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket listener = new ServerSocket(0, 1, loopback);
             Socket client = new Socket(loopback, listener.getLocalPort());
             Socket server = listener.accept()) {
            Writes writes = new Writes(server.getOutputStream());
            InputStream in = server.getInputStream();
            Thread serving = new Thread(() -> StreamConnection.serve(in, writes, DapSessionOptions.defaults(), StreamLimits.defaults(), () -> { }), "test-serve");
            serving.setDaemon(true);
            serving.start();
            StreamClient c = new StreamClient(client.getInputStream(), client.getOutputStream(), client);
            int tid = c.launch(Map.of("program", Programs.compile(STDIN).toString(), "stopOnEntry", true)).get("threadId").getAsInt();
            breakAt(c, "read");
            c.continueToStop(tid);
            breakAt(c);

            c.send("next", Map.of("threadId", tid)); // over the fgets that waits for a line
            int state = c.send("stopState", Map.of());
            c.request("threads", null);
            c.request("writeStdin", Map.of("text", "one\n"));
            assertJustAfterTheStopInOneWrite(c, writes, state, "step");
            assertEquals(Programs.line(STDIN, "got_line"), c.topFrame(tid).get("line").getAsInt());

            breakAt(c, "got_line");
            c.send("continue", Map.of("threadId", tid)); // round the loop into fgets again
            state = c.send("stopState", Map.of());
            c.request("threads", null);
            c.request("writeStdin", Map.of("text", "two\n"));
            assertJustAfterTheStopInOneWrite(c, writes, state, "breakpoint");

            c.request("disconnect", Map.of());
            serving.join(30_000);
            assertTrue(!serving.isAlive(), "the connection ends after disconnect");
        }
    }

    private static void breakAt(StreamClient c, String... markers) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String m : markers) lines.add(Map.of("line", Programs.line(STDIN, m)));
        c.request("setBreakpoints", Map.of("source", Map.of("path", Programs.source(STDIN).toString()), "breakpoints", lines));
    }

    private static void assertJustAfterTheStopInOneWrite(StreamClient c, Writes writes, int state, String reason) throws IOException {
        c.response(state); // it reached the client, so the write that carried it is recorded
        List<List<JsonObject>> calls = writes.messages();
        int[] at = find(calls, state);
        assertTrue(at != null, "the answer to stopState " + state + " was written");
        List<JsonObject> write = calls.get(at[0]);
        JsonObject answer = write.get(at[1]);
        assertTrue(answer.get("success").getAsBoolean(), answer.toString());
        assertTrue(at[1] > 0, "the stopped event is in the same write, before the answer: " + write);
        JsonObject before = write.get(at[1] - 1);
        assertEquals("stopped", before.has("event") ? before.get("event").getAsString() : before.toString(), "just before the answer: " + write);
        assertEquals(reason, before.getAsJsonObject("body").get("reason").getAsString());
    }

    /** {write, message} index of the response to {@code seq}, or null. */
    private static int[] find(List<List<JsonObject>> calls, int seq) {
        for (int i = 0; i < calls.size(); i++) {
            for (int k = 0; k < calls.get(i).size(); k++) {
                JsonObject m = calls.get(i).get(k);
                if ("response".equals(m.get("type").getAsString()) && m.get("request_seq").getAsInt() == seq) return new int[] {i, k};
            }
        }
        return null;
    }
}
