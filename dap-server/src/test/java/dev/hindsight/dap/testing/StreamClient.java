package dev.hindsight.dap.testing;

import dev.hindsight.dap.protocol.RequestIdentity;
import dev.hindsight.dap.transport.FrameReader;
import dev.hindsight.dap.transport.FrameWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** The test client over real Content-Length framed streams (a child's stdio, or a socket). */
public final class StreamClient extends DapTestClient {
    private final List<String> framingErrors = new ArrayList<>();
    private final OutputStream out;

    public StreamClient(InputStream in, OutputStream out, AutoCloseable close) {
        this.out = out;
        FrameWriter writer = new FrameWriter(out);
        wire(json -> {
            writer.accept(json);
            writer.flush(); // a client sends each request at once
        }, close);
        FrameReader frames = new FrameReader(in, Integer.MAX_VALUE - 8, new FrameReader.Problems() {
            @Override
            public void framing(String what) {
                synchronized (framingErrors) {
                    framingErrors.add(what);
                }
            }

            @Override
            public void refused(RequestIdentity request, String why) {
                framing(why);
            }
        });
        Thread reader = new Thread(() -> {
            try {
                for (String m; (m = frames.read()) != null; ) onMessage(m);
            } catch (IOException e) {
                // the adapter went away
            }
        }, "test-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Raw bytes, framing included (for broken-frame tests). */
    public void writeBytes(byte[] bytes) throws IOException {
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    /** Anything on the stream that was not a well-framed message. */
    public List<String> framingErrors() {
        synchronized (framingErrors) {
            return List.copyOf(framingErrors);
        }
    }
}
