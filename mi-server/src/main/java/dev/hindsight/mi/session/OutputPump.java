package dev.hindsight.mi.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Copies one of the program's output pipes to the front end as it is written, as {@code @}
 * target records (gdb's form for a program without a terminal of its own). Completes at end of
 * file, so the exit can be told after the program's last words.
 */
final class OutputPump {
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    static OutputPump start(InputStream in, String name, Consumer<String> sink) {
        OutputPump pump = new OutputPump();
        if (in == null) {
            pump.done.complete(null);
            return pump;
        }
        Thread t = new Thread(() -> pump.run(in, sink), "mi-" + name);
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
            // closed under us (the session ends): nothing more to copy
        } finally {
            done.complete(null);
        }
    }

    CompletableFuture<Void> done() {
        return done;
    }
}
