package dev.hindsight.dap.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Writes each message with its {@code Content-Length} header; one message at a time, flushed. */
public final class FrameWriter implements Consumer<String> {
    private final OutputStream out;

    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public synchronized void accept(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try {
            out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away", e);
        }
    }
}
