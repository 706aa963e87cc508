package dev.hindsight.dap.service;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hindsight.dap.DapSessionOptions;
import dev.hindsight.dap.transport.FrameReader;
import dev.hindsight.dap.transport.FrameWriter;
import dev.hindsight.dap.transport.StreamConnection;
import dev.hindsight.dap.transport.StreamLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The service's JIT warm-up: one DAP session of its own, over the same framing, session and
 * engine code a relay's session runs, on a tiny built-in program ({@code warm-up.c}) stepped
 * the way an editor's disassembly view steps (instruction step, stopped, stackTrace, scopes,
 * Registers and Locals), with a line step now and then. A real session's first steps then run
 * compiled code: a fresh JVM takes thousands of round trips to compile them, during which it
 * stepped at two thirds of gdb's rate.
 *
 * <p>It never delays a client: its threads (and the program, which inherits the niceness) run at
 * nice 10, and it stops at the next step once a real session has begun ({@code stop}). Its
 * session directory, with the compiled program, goes at its end as every session's does.
 */
final class WarmUp {
    /** Enough for C2 to have compiled the round trip's methods (dap-step-rate.sh's 2,000-step warm-up was not). */
    static final int STEPS = 6000;
    private static final long DEADLINE_SECONDS = 120;

    private final OutputStream toAdapter;
    private final FrameReader fromAdapter;
    private int seq;

    private WarmUp(OutputStream toAdapter, FrameReader fromAdapter) {
        this.toAdapter = toAdapter;
        this.fromAdapter = fromAdapter;
    }

    /** Starts the warm-up on a daemon thread; {@code stop} says a real session has begun. */
    static void startInBackground(java.io.PrintStream log, BooleanSupplier stop) {
        Thread t = new Thread(() -> {
            lowerPriority();
            long t0 = System.nanoTime();
            try {
                int steps = run(STEPS, stop, null);
                log.println(java.time.Instant.now() + " warm-up: " + steps + " steps in "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms" + (steps < STEPS ? " (a session began)" : ""));
            } catch (Exception | Error e) {
                log.println(java.time.Instant.now() + " warm-up failed (sessions are served as before): " + e);
            }
        }, "dap-service-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /**
     * One warm-up session to its end: up to {@code steps} instruction steps, fewer when
     * {@code stop} says so. Its session directory (the program and its build) is made in
     * {@code tempRoot} (null: the default) and removed at the session's end, as any session's
     * is, or by the shutdown hook of its connection when the service exits meanwhile.
     * @return the steps made
     */
    static int run(int steps, BooleanSupplier stop, Path tempRoot) throws IOException {
        Pipe in = Pipe.open(), out = Pipe.open();
        InputStream adapterIn = Channels.newInputStream(in.source());
        OutputStream adapterOut = Channels.newOutputStream(out.sink());
        Thread adapter = new Thread(() -> StreamConnection.serve(adapterIn, adapterOut,
                new DapSessionOptions(false, false, tempRoot), StreamLimits.defaults(), () -> { }), "dap-service-warm-up-session");
        adapter.setDaemon(true);
        adapter.start();
        WarmUp w = new WarmUp(Channels.newOutputStream(in.sink()), new FrameReader(Channels.newInputStream(out.source())));
        try {
            return w.session(steps, stop);
        } finally {
            // The end of its input ends the session (at once after a disconnect, else it kills the program).
            close(in.sink());
            try {
                adapter.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close(in.source(), out.sink(), out.source());
        }
    }

    private int session(int steps, BooleanSupplier stop) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        request("initialize", object("adapterID", "hindsight", "clientID", "hindsight-warm-up", "linesStartAt1", true,
                "columnsStartAt1", true, "pathFormat", "path"));
        JsonObject source = object("name", "warm-up.c", "text", program());
        JsonArray sources = new JsonArray();
        sources.add(source);
        JsonObject launch = object("stopOnEntry", true);
        launch.add("sources", sources);
        request("launch", launch);
        request("configurationDone", new JsonObject());
        int thread = awaitStopped().get("threadId").getAsInt();
        int made = 0;
        while (made < steps && !stop.getAsBoolean() && System.nanoTime() < deadline) {
            // Mostly instruction steps; a line step in every 50 (its own path through the engine).
            request(made % 50 == 49 ? "next" : "stepIn", object("threadId", thread, "granularity", made % 50 == 49 ? "line" : "instruction"));
            awaitStopped();
            made++;
            JsonObject frames = request("stackTrace", object("threadId", thread, "startFrame", 0, "levels", 20));
            int frame = frames.getAsJsonArray("stackFrames").get(0).getAsJsonObject().get("id").getAsInt();
            for (JsonElement scope : request("scopes", object("frameId", frame)).getAsJsonArray("scopes")) {
                String name = scope.getAsJsonObject().get("name").getAsString();
                if (name.equals("Registers") || name.equals("Locals") && made % 4 == 0) {
                    request("variables", object("variablesReference", scope.getAsJsonObject().get("variablesReference").getAsInt()));
                }
            }
        }
        request("disconnect", object("terminateDebuggee", true));
        return made;
    }

    private static String program() throws IOException {
        try (InputStream in = WarmUp.class.getResourceAsStream("warm-up.c")) {
            if (in == null) throw new IOException("warm-up.c is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Sends a request and returns its response's body (an empty object when it has none); fails on an error response. */
    private JsonObject request(String command, JsonObject arguments) throws IOException {
        int mine = ++seq;
        JsonObject m = object("seq", mine, "type", "request", "command", command);
        m.add("arguments", arguments);
        byte[] body = m.toString().getBytes(StandardCharsets.UTF_8);
        toAdapter.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        toAdapter.write(body);
        toAdapter.flush();
        while (true) {
            JsonObject r = next();
            if (!"response".equals(r.get("type").getAsString()) || r.get("request_seq").getAsInt() != mine) continue;
            if (!r.get("success").getAsBoolean()) throw new IOException(command + " failed: " + r.get("message"));
            return r.has("body") ? r.getAsJsonObject("body") : new JsonObject();
        }
    }

    private JsonObject awaitStopped() throws IOException {
        while (true) {
            JsonObject m = next();
            if ("event".equals(m.get("type").getAsString())) {
                String event = m.get("event").getAsString();
                if (event.equals("stopped")) return m.getAsJsonObject("body");
                if (event.equals("terminated") || event.equals("exited")) throw new IOException("the warm-up program ended");
            }
        }
    }

    private JsonObject next() throws IOException {
        String text = fromAdapter.read();
        if (text == null) throw new IOException("the warm-up session ended");
        return JsonParser.parseString(text).getAsJsonObject();
    }

    private static JsonObject object(Object... keysAndValues) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = (String) keysAndValues[i];
            Object v = keysAndValues[i + 1];
            if (v instanceof Number n) o.addProperty(key, n);
            else if (v instanceof Boolean b) o.addProperty(key, b);
            else o.addProperty(key, (String) v);
        }
        return o;
    }

    /**
     * Nice 10 for this thread, and so for the threads it starts and the program (Linux keeps a
     * niceness per thread and a new thread or process inherits its creator's). Best effort.
     */
    private static void lowerPriority() {
        try {
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            new ProcessBuilder("renice", "-n", "10", "-p", tid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException | RuntimeException e) {
            // no renice: the warm-up still stops when a session begins
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(java.io.Closeable... channels) {
        for (java.io.Closeable c : channels) {
            try {
                c.close();
            } catch (IOException e) {
                // closed already
            }
        }
    }
}
