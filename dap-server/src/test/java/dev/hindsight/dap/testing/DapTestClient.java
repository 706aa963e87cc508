package dev.hindsight.dap.testing;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hindsight.dap.DapSession;
import dev.hindsight.dap.DapSessionOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A raw DAP client for tests: sends requests as JSON, collects responses by {@code request_seq}
 * and keeps every event in arrival order. Works over an in-process {@link DapSession} or any
 * transport that delivers one JSON message per call to {@link #onMessage}.
 */
public class DapTestClient implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Gson GSON = new Gson();

    private final AtomicInteger seq = new AtomicInteger(1);
    private final Map<Integer, LinkedBlockingQueue<JsonObject>> responses = new ConcurrentHashMap<>();
    private final List<JsonObject> events = new ArrayList<>();
    private final List<JsonObject> all = new ArrayList<>();
    private Consumer<String> sender;
    private AutoCloseable closer = () -> { };

    protected DapTestClient() {}

    /** A client wired to a new in-process session. */
    public static DapTestClient inProcess(DapSessionOptions options) {
        DapTestClient c = new DapTestClient();
        DapSession session = DapSession.create(options);
        session.connect(c::onMessage);
        c.sender = session::receive;
        c.closer = session;
        return c;
    }

    public static DapTestClient inProcess() {
        return inProcess(DapSessionOptions.defaults());
    }

    protected void wire(Consumer<String> send, AutoCloseable close) {
        this.sender = send;
        this.closer = close;
    }

    /** Called by the transport with each message from the adapter. */
    public void onMessage(String json) {
        JsonObject m = JsonParser.parseString(json).getAsJsonObject();
        synchronized (this) {
            all.add(m);
            if ("event".equals(m.get("type").getAsString())) {
                events.add(m);
                notifyAll();
            }
        }
        if ("response".equals(m.get("type").getAsString())) {
            responses.computeIfAbsent(m.get("request_seq").getAsInt(), k -> new LinkedBlockingQueue<>()).add(m);
        }
    }

    /** Sends raw text (for malformed-input tests). */
    public void sendRaw(String text) {
        sender.accept(text);
    }

    /** Sends a request and returns its seq without waiting. */
    public int send(String command, Object arguments) {
        int s = seq.getAndIncrement();
        JsonObject m = new JsonObject();
        m.addProperty("seq", s);
        m.addProperty("type", "request");
        m.addProperty("command", command);
        if (arguments != null) m.add("arguments", arguments instanceof JsonElement e ? e : GSON.toJsonTree(arguments));
        sender.accept(m.toString());
        return s;
    }

    public JsonObject response(int requestSeq) {
        try {
            JsonObject r = responses.computeIfAbsent(requestSeq, k -> new LinkedBlockingQueue<>())
                    .poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (r == null) {
                dumpThreads();
                throw new AssertionError("no response to request " + requestSeq + "; events: " + eventNames());
            }
            return r;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The full response of a request (success or not). */
    public JsonObject call(String command, Object arguments) {
        return response(send(command, arguments));
    }

    /** The body of a request that must succeed. */
    public JsonObject request(String command, Object arguments) {
        JsonObject r = call(command, arguments);
        if (!r.get("success").getAsBoolean()) {
            throw new AssertionError(command + " failed: " + (r.has("message") ? r.get("message").getAsString() : r));
        }
        return r.has("body") && r.get("body").isJsonObject() ? r.getAsJsonObject("body") : new JsonObject();
    }

    /** The error message of a request that must fail. */
    public String error(String command, Object arguments) {
        JsonObject r = call(command, arguments);
        if (r.get("success").getAsBoolean()) throw new AssertionError(command + " should have failed: " + r);
        return r.get("message").getAsString();
    }

    /** Waits for the next event named {@code name} after the first {@code after} events. */
    public synchronized JsonObject event(String name, int after, Predicate<JsonObject> filter) {
        return event(name, after, filter, TIMEOUT);
    }

    /** {@link #event(String, int, Predicate)} waiting up to {@code timeout} (for work longer than a request, e.g. a recording's build). */
    public synchronized JsonObject event(String name, int after, Predicate<JsonObject> filter, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int i = after;
        while (true) {
            for (; i < events.size(); i++) {
                JsonObject e = events.get(i);
                if (name.equals(e.get("event").getAsString()) && filter.test(e)) return e;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                dumpThreads();
                throw new AssertionError("no '" + name + "' event; got " + eventNames());
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** What every thread of this JVM was doing when a wait timed out (in-process sessions live here). */
    private static void dumpThreads() {
        StringBuilder sb = new StringBuilder("thread dump at timeout:\n");
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (!t.getName().startsWith("dap-") && !t.getName().startsWith("hindsight") && !t.getName().contains("ptrace")) return;
            sb.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
            for (StackTraceElement e : stack) sb.append("    at ").append(e).append('\n');
        });
        System.err.print(sb);
    }

    public JsonObject event(String name) {
        return event(name, 0, e -> true);
    }

    /** How many events arrived so far: pass to {@link #event(String, int, Predicate)} to wait for a later one. */
    public synchronized int mark() {
        return events.size();
    }

    public synchronized List<JsonObject> events() {
        return List.copyOf(events);
    }

    /** Every message in arrival order (responses and events). */
    public synchronized List<JsonObject> messages() {
        return List.copyOf(all);
    }

    /** All output text of a category so far (stdout, stderr, console, …), in arrival order. */
    public synchronized String output(String category) {
        StringBuilder text = new StringBuilder();
        for (JsonObject e : events) {
            if (!e.get("event").getAsString().equals("output")) continue;
            JsonObject body = e.getAsJsonObject("body");
            if (body.get("category").getAsString().equals(category)) text.append(body.get("output").getAsString());
        }
        return text.toString();
    }

    public synchronized List<String> eventNames() {
        return events.stream().map(DapTestClient::describe).toList();
    }

    private static String describe(JsonObject e) {
        JsonObject body = e.has("body") ? e.getAsJsonObject("body") : new JsonObject();
        String name = e.get("event").getAsString();
        if (body.has("reason")) return name + "(" + body.get("reason").getAsString() + ")";
        if (body.has("output")) {
            String text = body.get("output").getAsString();
            return name + "(" + (text.length() > 80 ? text.substring(0, 80) + "…" : text).strip() + ")";
        }
        return name;
    }

    /** The body of the next stopped event after {@code mark}. */
    public JsonObject stopped(int mark) {
        return event("stopped", mark, e -> true).getAsJsonObject("body");
    }

    // ---- conveniences for the common flow -----------------------------------------------------

    public JsonObject initialize() {
        return request("initialize", Map.of("clientID", "hindsight-tests", "adapterID", "hindsight",
                "linesStartAt1", true, "columnsStartAt1", true, "supportsMemoryReferences", true));
    }

    /** initialize, launch, configurationDone; returns the first stopped event's body (stopOnEntry) or null. */
    public JsonObject launch(Map<String, Object> config) {
        initialize();
        int m = mark();
        request("launch", config);
        request("configurationDone", null);
        return Boolean.TRUE.equals(config.get("stopOnEntry")) ? stopped(m) : null;
    }

    public JsonObject exited() {
        return event("exited").getAsJsonObject("body");
    }

    public JsonArray frames(int threadId) {
        return request("stackTrace", Map.of("threadId", threadId)).getAsJsonArray("stackFrames");
    }

    public JsonObject topFrame(int threadId) {
        return frames(threadId).get(0).getAsJsonObject();
    }

    /** Steps and waits for the stop; returns the stopped body. */
    public JsonObject step(String command, int threadId, String granularity) {
        int m = mark();
        request(command, granularity == null ? Map.of("threadId", threadId) : Map.of("threadId", threadId, "granularity", granularity));
        return stopped(m);
    }

    public JsonObject continueToStop(int threadId) {
        int m = mark();
        request("continue", Map.of("threadId", threadId));
        return stopped(m);
    }

    /** Variables of a reference as name to variable object. */
    public Map<String, JsonObject> variables(int reference) {
        Map<String, JsonObject> out = new java.util.LinkedHashMap<>();
        for (JsonElement e : request("variables", Map.of("variablesReference", reference)).getAsJsonArray("variables")) {
            out.put(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject());
        }
        return out;
    }

    /** A scope's variablesReference by name, in the frame. */
    public int scope(int frameId, String name) {
        for (JsonElement e : request("scopes", Map.of("frameId", frameId)).getAsJsonArray("scopes")) {
            if (e.getAsJsonObject().get("name").getAsString().equals(name)) {
                return e.getAsJsonObject().get("variablesReference").getAsInt();
            }
        }
        throw new AssertionError("no scope " + name);
    }

    /** Ends the debuggee and the session. */
    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
