package dev.hindsight.dap.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hindsight.dap.protocol.MessageSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Program output up to the limit, to the byte; then one notice; every other message untouched. */
class OutputLimitTest {
    private final List<String> sent = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private final MessageSink sink = new MessageSink() {
        @Override
        public void accept(String json) {
            sent.add(json);
        }

        @Override
        public void flush() {
        }
    };

    /** An output event as LSP4J writes it. */
    private static String output(int seq, String category, String text) {
        JsonObject body = new JsonObject();
        body.addProperty("category", category);
        body.addProperty("output", text);
        JsonObject m = new JsonObject();
        m.addProperty("type", "event");
        m.addProperty("seq", seq);
        m.addProperty("event", "output");
        m.add("body", body);
        return m.toString();
    }

    private String programText() {
        StringBuilder all = new StringBuilder();
        for (String json : sent) {
            JsonObject body = JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("body");
            if (body != null && body.has("category") && body.get("category").getAsString().matches("stdout|stderr")) {
                all.append(body.get("output").getAsString());
            }
        }
        return all.toString();
    }

    @Test
    void outputStopsAtTheLimitToTheByteWithOneNotice() {
        OutputLimit limit = new OutputLimit(10, sink, notices::add);
        limit.accept(output(1, "stdout", "abcd"));
        limit.accept(output(2, "stderr", "efg"));
        limit.accept(output(3, "console", "the adapter's own words are not counted"));
        limit.accept(output(4, "stdout", "hijklmn"));
        limit.accept(output(5, "stdout", "more"));
        limit.accept("{\"type\":\"event\",\"seq\":6,\"event\":\"exited\",\"body\":{\"exitCode\":0}}");
        assertEquals("abcdefghij", programText());
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("limit of 10 bytes"), notices.get(0));
        assertEquals(5, sent.size(), "stdout, stderr, console, the cut stdout, exited: " + sent);
        assertEquals(4 + 4, limit.dropped(), "klmn and more");
    }

    @Test
    void aCharacterIsNeverCutInHalf() {
        OutputLimit limit = new OutputLimit(5, sink, notices::add);
        limit.accept(output(1, "stdout", "ab€c")); // € is 3 bytes: a b € = 5
        limit.accept(output(2, "stdout", "x"));
        assertEquals("ab€", programText());
        assertEquals(5, programText().getBytes(StandardCharsets.UTF_8).length);
        OutputLimit tight = new OutputLimit(4, sink, notices::add);
        sent.clear();
        tight.accept(output(1, "stdout", "ab€c"));
        assertEquals("ab", programText(), "the € that does not fit is dropped whole");
    }

    @Test
    void outputFillingTheLimitExactlyGetsItsNoticeOnlyWhenMoreComes() {
        OutputLimit limit = new OutputLimit(4, sink, notices::add);
        limit.accept(output(1, "stdout", "abcd"));
        assertEquals(List.of(), notices);
        limit.accept(output(2, "stdout", "e"));
        assertEquals("abcd", programText());
        assertEquals(2 - 1, sent.size(), "nothing of the second event is left to send");
        assertEquals(1, notices.size());
    }

    @Test
    void zeroMeansNoLimit() {
        OutputLimit limit = new OutputLimit(0, sink, notices::add);
        String big = "y".repeat(3 << 20);
        limit.accept(output(1, "stdout", big));
        assertEquals(big, programText());
        assertEquals(List.of(), notices);
    }
}
