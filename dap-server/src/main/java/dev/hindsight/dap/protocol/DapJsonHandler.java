package dev.hindsight.dap.protocol;

import java.io.Writer;
import java.util.Map;
import org.eclipse.lsp4j.jsonrpc.debug.json.DebugMessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.messages.Message;

/**
 * LSP4J's DAP message handler, reading the step round trip's requests without gson
 * ({@link HotRequestReader}, LSP4J for everything else) and serialising into an unsynchronised
 * buffer: its own
 * {@code serialize} writes through a {@link java.io.StringWriter}, whose {@link StringBuffer}
 * takes a lock for every token gson writes (most of the serialising time of a Registers
 * scope's variables, measured with JFR).
 */
final class DapJsonHandler extends DebugMessageJsonHandler {
    /** A thread's serialising buffer, kept between messages unless a large one made it larger than this. */
    private static final int KEEP_BUFFER = 1 << 17;
    private static final ThreadLocal<StringBuilder> BUFFER = new ThreadLocal<>();
    private final HotMessageWriter hot;
    private final HotRequestReader hotReader;

    DapJsonHandler(Map<String, JsonRpcMethod> methods, java.util.function.Consumer<com.google.gson.GsonBuilder> configureGson) {
        super(methods, configureGson);
        hot = new HotMessageWriter(getGson());
        hotReader = new HotRequestReader(this);
    }

    @Override
    public Message parseMessage(CharSequence input) {
        Message m = input instanceof String text ? hotReader.read(text) : null;
        return m != null ? m : super.parseMessage(input);
    }

    /** What LSP4J alone reads (the reference the hot reader is tested against). */
    Message parseWithGson(CharSequence input) {
        return super.parseMessage(input);
    }

    /** What the hot reader makes of {@code input}: null when it leaves it to LSP4J (tests). */
    Message parseHot(String input) {
        return hotReader.read(input);
    }

    @Override
    public String serialize(Message message) {
        // One buffer per thread, reused: a new 4 KiB one per message, grown again for a Registers
        // scope's answer, was a fifth of serialize's samples and a quarter more in Arrays.copyOf
        // (JFR, warm step round trips). Taken out while in use, should serialising ever nest.
        StringBuilder text = BUFFER.get();
        if (text == null) {
            text = new StringBuilder(16384);
        } else {
            BUFFER.set(null);
            text.setLength(0);
        }
        try {
            if (!hot.write(message, text)) serialize(message, new TextWriter(text));
            return text.toString();
        } finally {
            if (text.capacity() <= KEEP_BUFFER) BUFFER.set(text);
        }
    }

    /** What gson alone writes (the reference the hot writer is tested against). */
    String serializeWithGson(Message message) {
        TextWriter out = new TextWriter(new StringBuilder());
        serialize(message, out);
        return out.text.toString();
    }

    /** A {@link Writer} into a {@link StringBuilder}. */
    private static final class TextWriter extends Writer {
        final StringBuilder text;

        TextWriter(StringBuilder text) {
            this.text = text;
        }

        @Override
        public void write(int c) {
            text.append((char) c);
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
        }

        @Override
        public void write(String s, int offset, int length) {
            text.append(s, offset, offset + length);
        }

        @Override
        public Writer append(CharSequence s) {
            text.append(s);
            return this;
        }

        @Override
        public Writer append(char c) {
            text.append(c);
            return this;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
