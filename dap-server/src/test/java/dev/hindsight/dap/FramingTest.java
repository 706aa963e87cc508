package dev.hindsight.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.hindsight.dap.testing.Programs;
import dev.hindsight.dap.testing.StreamClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * `hindsight dap` as a real process fed broken framing over its stdin pipe (and a socket): each
 * problem gets an `output` event, a skipped request gets an error with its own seq, and the next
 * well-framed request is answered. Program output stops at the limit with one notice.
 */
@Timeout(300)
class FramingTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String frame(String body) {
        return "Content-Length: " + ascii(body).length + "\r\n\r\n" + body;
    }

    /** The important output events after {@code mark}, as one text. */
    private static String notices(StreamClient c, int mark) {
        StringBuilder s = new StringBuilder();
        for (JsonObject e : c.events().subList(mark, c.events().size())) {
            JsonObject body = e.getAsJsonObject("body");
            if (e.get("event").getAsString().equals("output") && body.get("category").getAsString().equals("important")) {
                s.append(body.get("output").getAsString());
            }
        }
        return s.toString();
    }

    /** A failed response to a raw request: its seq, its command, and the message. */
    private static String refusal(StreamClient c, int seq, String command) {
        JsonObject r = c.response(seq);
        assertFalse(r.get("success").getAsBoolean(), r.toString());
        assertEquals(command, r.get("command").getAsString(), r.toString());
        return r.get("message").getAsString();
    }

    private static void stillAnswers(StreamClient c) {
        assertTrue(c.request("threads", null).has("threads"), "the next well-framed request is answered");
    }

    @Test
    void aWrongArgumentTypeWithSeqWrittenLastIsAnsweredWithThatSeq() throws Exception {
        Process p = TransportTest.dap();
        try {
            StreamClient c = new StreamClient(p.getInputStream(), p.getOutputStream(), p::destroy);
            c.initialize();
            // VS Code's order (arguments before seq), and type before arguments, which LSP4J once answered as request 0
            c.writeBytes(ascii(frame("{\"command\":\"next\",\"arguments\":{\"threadId\":\"one\"},\"type\":\"request\",\"seq\":901}")));
            c.writeBytes(ascii(frame("{\"type\":\"request\",\"command\":\"next\",\"arguments\":{\"threadId\":\"one\"},\"seq\":902}")));
            assertTrue(refusal(c, 901, "next").contains("next"));
            assertTrue(refusal(c, 902, "next").contains("next"));
            stillAnswers(c);
            assertTrue(c.messages().stream().noneMatch(m -> m.has("request_seq") && m.get("request_seq").getAsInt() == 0),
                    "nothing answered request 0: " + c.messages());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aHundredMegabyteMessageIsSkippedAndRefusedAndTheNextRequestAnswered() throws Exception {
        Process p = TransportTest.dap();
        try {
            StreamClient c = new StreamClient(p.getInputStream(), p.getOutputStream(), p::destroy);
            c.initialize();
            int mark = c.mark();
            String head = "{\"command\":\"evaluate\",\"arguments\":{\"expression\":\"";
            String tail = "\"},\"type\":\"request\",\"seq\":903}";
            int length = 100_000_000;
            c.writeBytes(ascii("Content-Length: " + length + "\r\n\r\n" + head));
            byte[] spaces = ascii(" ".repeat(1 << 20));
            OutputStream stdin = p.getOutputStream();
            for (long left = length - head.length() - tail.length(); left > 0; left -= spaces.length) {
                stdin.write(spaces, 0, (int) Math.min(spaces.length, left));
            }
            c.writeBytes(ascii(tail));
            String why = refusal(c, 903, "evaluate");
            assertTrue(why.contains("100000000 bytes is over the limit of 1048576 bytes"), why);
            assertTrue(notices(c, mark).contains("a message of 100000000 bytes is over the limit of 1048576 bytes"), notices(c, mark));
            stillAnswers(c);
            assertTrue(p.isAlive());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void missingBadOrGarbledContentLengthsNeverSwallowTheNextRequest() throws Exception {
        Process p = TransportTest.dap();
        try {
            StreamClient c = new StreamClient(p.getInputStream(), p.getOutputStream(), p::destroy);
            c.initialize();
            String[][] cases = {
                {"X-Nonsense: 1\r\n\r\n", "without a Content-Length header (headers: 'X-Nonsense: 1')"},
                {"", "unexpected bytes between messages"}, // the request alone, no header at all
                {"Content-Length: many\r\n\r\n", "bad Content-Length 'many'"},
                {"Content-Length: -12\r\n\r\n", "bad Content-Length '-12'"},
                {"Content-Length: 123456789012345678901234567890\r\n\r\n", "bad Content-Length '123456789012345678901234567890'"},
            };
            int seq = 910;
            for (String[] bad : cases) {
                int mark = c.mark();
                // the request that follows the broken header has no (usable) length: it is refused, not run
                c.writeBytes(ascii(bad[0] + "{\"command\":\"threads\",\"type\":\"request\",\"seq\":" + seq + "}"));
                stillAnswers(c);
                assertTrue(notices(c, mark).contains(bad[1]), bad[1] + " in " + notices(c, mark));
                assertTrue(refusal(c, seq, "threads").contains("without a Content-Length header"));
                seq++;
            }
            int mark = c.mark();
            c.writeBytes(ascii("this is not a header\r\n\r\n"));
            stillAnswers(c);
            assertTrue(notices(c, mark).contains("unexpected bytes between messages: 'this is not a header'"), notices(c, mark));
            assertEquals(List.of(), c.framingErrors(), "the adapter's own output stayed well framed");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void tcpConnectionsShareTheFramingAndTheMessageLimit() throws Exception {
        Process p = TransportTest.dap("--port", "0", "--max-message", "300");
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            Matcher m = null;
            for (String line; (line = err.readLine()) != null; ) {
                m = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(line);
                if (m.find()) break;
            }
            try (Socket s = new Socket("127.0.0.1", Integer.parseInt(m.group(1)))) {
                StreamClient c = new StreamClient(s.getInputStream(), s.getOutputStream(), s);
                int mark = c.mark();
                String big = "{\"command\":\"evaluate\",\"arguments\":{\"expression\":\"" + "1+".repeat(200) + "1\"},\"type\":\"request\",\"seq\":920}";
                c.writeBytes(ascii("X-Nonsense: 1\r\n\r\n" + frame(big)));
                assertTrue(refusal(c, 920, "evaluate").contains("over the limit of 300 bytes"));
                assertTrue(notices(c, mark).contains("without a Content-Length"), notices(c, mark));
                stillAnswers(c);
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** What dap_flood_both.c writes on one stream, made here from its format. */
    private static String flood(boolean stderr) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 40000; i++) {
            if (!stderr) s.append(String.format("stdout line %05d of the flood, long enough to fill megabytes quickly......\n", i));
            else if (i % 4 == 0) s.append(String.format("stderr line %05d\n", i));
        }
        return s.toString();
    }

    private static void assertOutputCapped(StreamClient c, long limit, int exitCode) {
        JsonObject exited = c.event("exited", 0, e -> true);
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        List<JsonObject> events = c.events();
        int notice = -1;
        int lastProgramOutput = -1;
        for (int i = 0; i < events.size(); i++) {
            JsonObject e = events.get(i);
            if (!e.get("event").getAsString().equals("output")) continue;
            JsonObject body = e.getAsJsonObject("body");
            String text = body.get("output").getAsString();
            switch (body.get("category").getAsString()) {
                case "stdout" -> out.append(text);
                case "stderr" -> err.append(text);
                default -> {
                    if (text.contains("output reached the limit")) {
                        assertEquals(-1, notice, "one notice only");
                        notice = i;
                        assertTrue(text.contains("limit of " + limit + " bytes"), text);
                    }
                    continue;
                }
            }
            lastProgramOutput = i;
        }
        assertEquals(limit, out.length() + err.length(), "exactly the limit's bytes of program output (ASCII)");
        assertTrue(flood(false).startsWith(out.toString()), "stdout is the start of what the program wrote");
        assertTrue(flood(true).startsWith(err.toString()), "stderr is the start of what the program wrote");
        assertTrue(notice > lastProgramOutput, "the notice comes after the last output that was let through");
        assertEquals(exitCode, exited.getAsJsonObject("body").get("exitCode").getAsInt(), "the program ran to its end");
    }

    @Test
    void programOutputStopsAtTheDefaultMebibyteWithOneNotice() throws Exception {
        Process p = TransportTest.dap();
        try {
            StreamClient c = new StreamClient(p.getInputStream(), p.getOutputStream(), p::destroy);
            c.launch(Map.of("program", Programs.compile("dap_flood_both.c").toString()));
            assertOutputCapped(c, 1 << 20, 7);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void theOutputLimitIsAnOption() throws Exception {
        Process p = TransportTest.dap("--output-limit", "1000");
        try {
            StreamClient c = new StreamClient(p.getInputStream(), p.getOutputStream(), p::destroy);
            c.launch(Map.of("program", Programs.compile("dap_flood.c").toString()));
            c.event("exited", 0, e -> true);
            StringBuilder out = new StringBuilder();
            for (JsonObject e : c.events()) {
                JsonObject body = e.getAsJsonObject("body");
                if (e.get("event").getAsString().equals("output") && body.get("category").getAsString().equals("stdout")) {
                    out.append(body.get("output").getAsString());
                }
            }
            assertEquals(1000, out.length());
            assertTrue(out.toString().startsWith("line 0\nline 1\n"), out.toString());
        } finally {
            p.destroyForcibly();
        }
        Process bad = TransportTest.dap("--output-limit", "-1");
        assertTrue(bad.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, bad.exitValue());
        assertTrue(new String(bad.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).contains("output limit"));
    }
}
