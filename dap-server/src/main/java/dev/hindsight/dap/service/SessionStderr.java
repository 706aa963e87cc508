package dev.hindsight.dap.service;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The service's {@code System.err}: what a session's threads write (the adapter's log lines and
 * messages, as {@code hindsight dap} writes them on its stderr) goes to that session's relay,
 * which writes it on the editor's stderr; anything else, or what a relay gone can no longer take,
 * goes to the service's log. A session's threads are those its connection thread starts, and
 * theirs (an inheritable thread-local).
 */
final class SessionStderr extends OutputStream {
    private static final InheritableThreadLocal<OutputStream> CURRENT = new InheritableThreadLocal<>();
    private final OutputStream log;

    private SessionStderr(OutputStream log) {
        this.log = log;
    }

    /** Makes {@code System.err} (and {@code System.out}, which must never be written) route by session. */
    static void install(OutputStream log) {
        PrintStream routed = new PrintStream(new SessionStderr(log), true);
        System.setErr(routed);
        System.setOut(routed);
    }

    /** Runs {@code body} with the calling thread's, and its future threads', stderr on {@code err}. */
    static void runWith(OutputStream err, Runnable body) {
        CURRENT.set(err);
        try {
            body.run();
        } finally {
            CURRENT.remove();
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        OutputStream to = CURRENT.get();
        if (to != null) {
            try {
                to.write(b, off, len);
                return;
            } catch (IOException e) {
                // The relay is gone: keep the words in the log.
            }
        }
        synchronized (log) {
            log.write(b, off, len);
            log.flush();
        }
    }
}
