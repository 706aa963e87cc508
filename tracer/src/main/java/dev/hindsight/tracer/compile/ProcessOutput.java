package dev.hindsight.tracer.compile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drains a process's output on its own thread, so a chatty compiler never blocks on a full pipe,
 * keeping at most {@link #LIMIT} bytes: a template error cascade can print megabytes nobody reads.
 */
final class ProcessOutput {
    static final int LIMIT = 1 << 20;
    private static final String TRUNCATED = "\n[output truncated by Hindsight after 1 MiB]\n";

    private final FutureTask<String> reader;

    private ProcessOutput(InputStream in) {
        reader = new FutureTask<>(() -> drain(in));
        Thread thread = new Thread(reader, "compiler-output");
        thread.setDaemon(true);
        thread.start();
    }

    static ProcessOutput collect(Process process) {
        return new ProcessOutput(process.getInputStream());
    }

    /**
     * The text read so far once the stream ends; waits at most {@code millis}, because an escaped
     * grandchild could hold the pipe open after the compiler itself is gone.
     */
    String await(long millis) {
        try {
            return reader.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reader.cancel(true);
            return "[compiler output unavailable: the pipe stayed open]\n";
        } catch (ExecutionException e) {
            return "[compiler output unreadable: " + e.getCause() + "]\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String drain(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            boolean truncated = false;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                int room = LIMIT - kept.size();
                if (n > room) truncated = true;
                kept.write(buffer, 0, Math.min(n, room));
            }
            return kept.toString(StandardCharsets.UTF_8) + (truncated ? TRUNCATED : "");
        }
    }
}
