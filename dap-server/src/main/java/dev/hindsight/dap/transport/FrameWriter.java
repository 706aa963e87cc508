package dev.hindsight.dap.transport;

import dev.hindsight.dap.protocol.MessageSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Frames each message with its {@code Content-Length} header and holds it until {@link #flush},
 * which writes everything held in one write: the stream is unbuffered (stdout, a socket), and
 * each write wakes the client once. A lot held (a large answer) is written at once.
 */
public final class FrameWriter implements MessageSink {
    private static final int MAX_HELD = 256 * 1024;
    private final OutputStream out;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream(8192);

    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public synchronized void accept(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        held.writeBytes(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        held.writeBytes(body);
        if (held.size() > MAX_HELD) flush();
    }

    @Override
    public synchronized void flush() {
        if (held.size() == 0) return;
        try {
            held.writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away", e);
        } finally {
            held.reset();
        }
    }
}
