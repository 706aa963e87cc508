package dev.hindsight.dap.transport;

import dev.hindsight.dap.DapSession;
import dev.hindsight.dap.DapSessionOptions;
import dev.hindsight.dap.protocol.MessageSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session over a pair of byte streams with Content-Length framing (stdio, or a socket). Ends
 * when the client disconnects or closes its end; the program dies with the session.
 */
public final class StreamConnection {
    private static final Logger LOG = LoggerFactory.getLogger(StreamConnection.class);

    private StreamConnection() {}

    /** Serves until the stream ends or the session closes; then closes both. */
    public static void serve(InputStream in, OutputStream out, DapSessionOptions options, Runnable closeStreams) {
        DapSession session = DapSession.create(options);
        CountDownLatch ended = new CountDownLatch(1);
        session.onClosed(ended::countDown);
        // SIGTERM or Ctrl-C: the program dies with us anyway (PTRACE_O_EXITKILL), its temp files must too.
        Thread hook = new Thread(() -> {
            LOG.info("shutting down: ending the session");
            session.close();
        }, "dap-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        FrameWriter writer = new FrameWriter(out);
        session.connect(new MessageSink() {
            @Override
            public void accept(String json) {
                quietly(() -> writer.accept(json));
            }

            @Override
            public void flush() {
                quietly(writer::flush);
            }
        });
        Thread reader = new Thread(() -> readAll(new FrameReader(in), session), "dap-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running.
        }
        closeStreams.run();
    }

    /** Writes for a client that may have gone: the session ends when its input ends, not here. */
    private static void quietly(Runnable write) {
        try {
            write.run();
        } catch (UncheckedIOException e) {
            LOG.debug("client gone", e);
        }
    }

    private static void readAll(FrameReader frames, DapSession session) {
        while (true) {
            try {
                String message = frames.read();
                if (message == null) break;
                session.receive(message);
            } catch (FrameReader.FramingException e) {
                LOG.warn("bad frame skipped: {}", e.getMessage());
            } catch (IOException e) {
                LOG.debug("input ended", e);
                break;
            }
        }
        session.close();
    }
}
