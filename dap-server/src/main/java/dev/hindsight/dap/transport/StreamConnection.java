package dev.hindsight.dap.transport;

import dev.hindsight.dap.DapSession;
import dev.hindsight.dap.DapSessionOptions;
import dev.hindsight.dap.protocol.MessageSink;
import dev.hindsight.dap.protocol.RequestIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import org.eclipse.lsp4j.debug.OutputEventArgumentsCategory;
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
    public static void serve(InputStream in, OutputStream out, DapSessionOptions options, StreamLimits limits, Runnable closeStreams) {
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
        OutputLimit output = new OutputLimit(limits.outputLimitBytes(), new MessageSink() {
            @Override
            public void accept(String json) {
                quietly(() -> writer.accept(json));
            }

            @Override
            public void flush() {
                quietly(writer::flush);
            }
        }, text -> session.notice(OutputEventArgumentsCategory.CONSOLE, text));
        session.connect(output);
        FrameReader frames = new FrameReader(in, limits.maxMessageBytes(), new FrameReader.Problems() {
            @Override
            public void framing(String what) {
                LOG.warn("bad input from the client: {}", what);
                session.notice(OutputEventArgumentsCategory.IMPORTANT, "hindsight: " + what + "\n");
            }

            @Override
            public void refused(RequestIdentity request, String why) {
                LOG.warn("request refused: {}", why);
                session.refuse(request, why);
            }
        });
        Thread reader = new Thread(() -> readAll(frames, session), "dap-reader");
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
        if (output.dropped() > 0) LOG.info("{} bytes of program output over the limit were dropped", output.dropped());
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
        try {
            for (String message; (message = frames.read()) != null; ) session.receive(message);
        } catch (IOException e) {
            // Nothing more can be read: say why where a person will see it (the client may be gone).
            System.err.println("hindsight dap: ending the session: " + e.getMessage());
            LOG.debug("input failed", e);
        }
        session.close();
    }
}
