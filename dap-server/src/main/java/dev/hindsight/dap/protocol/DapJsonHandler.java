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
        TextWriter out = new TextWriter();
        if (!hot.write(message, out.text)) serialize(message, out);
        return out.text.toString();
    }

    /** What gson alone writes (the reference the hot writer is tested against). */
    String serializeWithGson(Message message) {
        TextWriter out = new TextWriter();
        serialize(message, out);
        return out.text.toString();
    }

    /** A {@link Writer} into a {@link StringBuilder}. */
    private static final class TextWriter extends Writer {
        final StringBuilder text = new StringBuilder(4096);

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
