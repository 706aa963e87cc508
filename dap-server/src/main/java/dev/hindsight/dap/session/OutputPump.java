package dev.hindsight.dap.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Copies one of the program's output pipes to the client as it is written (not at exit). The
 * future completes at end of file, after the last chunk was handed on, so the exited event can
 * wait for it and never overtake the program's last words. At most {@link #WINDOW} chunks are
 * in flight: a program that floods its output waits for the client (the pipe fills and it
 * blocks) instead of filling the server's memory.
 */
final class OutputPump {
    static final int WINDOW = 64;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Semaphore inFlight = new Semaphore(WINDOW);

    private OutputPump() {}

    /** @param sink receives each chunk and a callback to run once the chunk has been sent */
    static OutputPump start(InputStream in, String name, BiConsumer<String, Runnable> sink) {
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

    private void run(InputStream in, BiConsumer<String, Runnable> sink) {
        // The reader keeps a multi-byte character that straddles two reads together.
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] buf = new char[8192];
            int n;
            while ((n = reader.read(buf)) > 0) {
                // Bounded wait: a session that stopped sending must not hang this thread forever.
                if (!inFlight.tryAcquire(30, TimeUnit.SECONDS)) break;
                sink.accept(new String(buf, 0, n), inFlight::release);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
