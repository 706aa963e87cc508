package dev.hindsight.dap.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Copies one of the program's output pipes to the client as it is written (not at exit). The
 * future completes at end of file, after the last chunk was handed on, so the exited event can
 * wait for it and never overtake the program's last words.
 */
final class OutputPump {
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private OutputPump() {}

    static OutputPump start(InputStream in, String name, Consumer<String> sink) {
        OutputPump pump = new OutputPump();
        if (in == null) {
            pump.done.complete(null);
            return pump;
        }
        Thread t = new Thread(() -> pump.run(in, sink), "dap-" + name);
        t.setDaemon(true);
        t.start();
        return pump;
    }

    private void run(InputStream in, Consumer<String> sink) {
        // The reader keeps a multi-byte character that straddles two reads together.
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] buf = new char[8192];
            int n;
            while ((n = reader.read(buf)) > 0) sink.accept(new String(buf, 0, n));
        } catch (IOException e) {
            // The pipe was closed under us (session closing): nothing more to copy.
        } finally {
            done.complete(null);
        }
    }

    CompletableFuture<Void> done() {
        return done;
    }
}
