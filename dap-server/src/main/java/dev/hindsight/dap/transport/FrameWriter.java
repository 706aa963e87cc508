package dev.hindsight.dap.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Writes each message with its {@code Content-Length} header in one write; one message at a time, flushed. */
public final class FrameWriter implements Consumer<String> {
    private final OutputStream out;

    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public synchronized void accept(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] header = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        // One write per message: the stream is unbuffered (stdout, a socket), and a header
        // written on its own wakes the client once for it and once more for the body.
        byte[] frame = java.util.Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, frame, header.length, body.length);
        try {
            out.write(frame);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away", e);
        }
    }
}
