package dev.hindsight.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The program's stdout/stderr output events of one session: forwarded until {@code cap} characters,
 * then dropped with one notice, and kept so that a reloaded page sees the console again.
 */
final class ProgramOutput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final int cap;
    private final List<String> kept = new ArrayList<>();
    private long total;
    private boolean truncated;

    ProgramOutput(int cap) {
        this.cap = cap;
    }

    /** @return the message to forward (itself, a truncation notice, or null to drop it) */
    synchronized String admit(String message) {
        if (!message.contains("\"output\"")) return message;
        int length = programOutputLength(message);
        if (length < 0) return message;
        if (truncated) return null;
        total += length;
        if (total > cap) {
            truncated = true;
            String notice = notice("[hindsight: the program wrote more than " + cap / 1024
                    + " KiB; further output is not shown]\n");
            kept.add(notice);
            return notice;
        }
        kept.add(message);
        return message;
    }

    synchronized List<String> replay() {
        return List.copyOf(kept);
    }

    /** Length of the text of a stdout/stderr output event, or -1 for any other message. */
    private static int programOutputLength(String message) {
        try {
            JsonNode m = JSON.readTree(message);
            if (!"event".equals(m.path("type").asText()) || !"output".equals(m.path("event").asText())) return -1;
            String category = m.path("body").path("category").asText("console");
            if (!category.equals("stdout") && !category.equals("stderr")) return -1;
            return m.path("body").path("output").asText("").length();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String notice(String text) {
        ObjectNode m = JSON.createObjectNode().put("seq", 0).put("type", "event").put("event", "output");
        m.putObject("body").put("category", "stderr").put("output", text);
        return m.toString();
    }
}
