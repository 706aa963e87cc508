package dev.hindsight.dap.transport;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hindsight.dap.protocol.MessageSink;
import java.util.function.Consumer;

/**
 * Caps the program's output (its {@code stdout}/{@code stderr} output events) of one session at
 * {@code limit} bytes of UTF-8 text, as the web UI caps it: a flooding program must not flood the
 * editor's console. The event that crosses the limit is cut to fill it exactly, then one notice
 * says the rest is dropped, and the rest is. Every other message passes unchanged.
 */
final class OutputLimit implements MessageSink {
    private final long limit;
    private final MessageSink next;
    private final Consumer<String> notice;
    private long written;
    private long dropped;
    private boolean full;

    /** @param limit bytes; 0 for no limit. @param notice sends the adapter's notice (in order, after what {@code next} got) */
    OutputLimit(long limit, MessageSink next, Consumer<String> notice) {
        this.limit = limit;
        this.next = next;
        this.notice = notice;
    }

    @Override
    public void accept(String json) {
        JsonObject event = limit > 0 ? programOutput(json) : null;
        if (event == null) {
            next.accept(json);
            return;
        }
        JsonObject body = event.getAsJsonObject("body");
        String text = body.get("output").getAsString();
        long bytes = utf8Length(text);
        boolean announce;
        synchronized (this) {
            if (full) {
                dropped += bytes;
                return;
            }
            if (written + bytes <= limit) {
                written += bytes;
                next.accept(json);
                return;
            }
            String head = prefix(text, limit - written);
            dropped += bytes - utf8Length(head);
            written = limit;
            full = true;
            if (!head.isEmpty()) {
                body.addProperty("output", head);
                next.accept(event.toString());
            }
            announce = true;
        }
        if (announce) {
            notice.accept("[hindsight: the program's output reached the limit of " + limit
                    + " bytes (hindsight dap --output-limit BYTES, 0 for none); the rest of it is dropped]\n");
        }
    }

    @Override
    public void flush() {
        next.flush();
    }

    /** Bytes of program output dropped so far. */
    synchronized long dropped() {
        return dropped;
    }

    /** The message if it is an output event of the program's stdout or stderr, else null. */
    private static JsonObject programOutput(String json) {
        // LSP4J writes an event's type, seq and event name first: most messages are told apart here.
        if (!json.startsWith("{\"type\":\"event\"") || !json.substring(0, Math.min(json.length(), 64)).contains("\"event\":\"output\"")) {
            return null;
        }
        JsonObject m = JsonParser.parseString(json).getAsJsonObject();
        if (!(m.get("body") instanceof JsonObject body)) return null;
        JsonElement category = body.get("category");
        if (category == null || !category.isJsonPrimitive()) return null;
        String c = category.getAsString();
        if (!c.equals("stdout") && !c.equals("stderr")) return null;
        JsonElement output = body.get("output");
        return output != null && output.isJsonPrimitive() ? m : null;
    }

    /** The longest prefix of {@code text} within {@code bytes} bytes of UTF-8, not splitting a character. */
    private static String prefix(String text, long bytes) {
        int end = 0;
        long used = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            if (used + utf8Size(cp) > bytes) break;
            used += utf8Size(cp);
            end += Character.charCount(cp);
        }
        return text.substring(0, end);
    }

    private static long utf8Length(String text) {
        return text.codePoints().mapToLong(OutputLimit::utf8Size).sum();
    }

    private static int utf8Size(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
