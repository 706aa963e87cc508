package dev.hindsight.web.engine;

import dev.hindsight.dap.DapSession;
import dev.hindsight.dap.DapSessionOptions;
import dev.hindsight.dap.protocol.MessageSink;
import dev.hindsight.tracer.confine.Confinement;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Sessions of the DAP server's engine, created the way a web server must: no attach and no
 * program paths, only inline sources compiled by the server, temp files under {@code tempRoot}.
 */
public final class DapEngine implements DebugSessionFactory {
    private final Path tempRoot;
    private final Confinement confinement;

    public DapEngine(Path tempRoot) {
        this(tempRoot, null);
    }

    /** @param confinement the sandbox every session's compiles and programs run in; null: none */
    public DapEngine(Path tempRoot, Confinement confinement) {
        this.tempRoot = tempRoot;
        this.confinement = confinement;
    }

    @Override
    public DebugSession create() {
        // The page shows output at the line that printed it: the program is on a terminal, as in a shell.
        return wrap(DapSession.create(new DapSessionOptions(false, false, tempRoot, confinement).withProgramTerminal(true)));
    }

    /** The engine's session as the web server drives it. */
    static DebugSession wrap(DapSession session) {
        return new DebugSession() {
            @Override public void connect(Consumer<String> toClient, Runnable flush) {
                session.connect(new MessageSink() {
                    @Override public void accept(String json) { toClient.accept(json); }
                    @Override public void flush() { flush.run(); }
                });
            }
            @Override public void receive(String json) { session.receive(json); }
            @Override public boolean isEnding() { return session.isEnding(); }
            @Override public void onClosed(Runnable r) { session.onClosed(r); }
            @Override public void close() { session.close(); }
        };
    }
}
