package dev.hindsight.web;

import dev.hindsight.web.engine.DebugSession;
import dev.hindsight.web.engine.DebugSessionFactory;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live sessions by id. A connection without an id gets a new session (or, in single-session
 * mode, the one session); sessions whose clients were silent for the idle timeout are closed, and
 * so is the least recently used one when a new session would exceed the limit.
 */
final class SessionRegistry implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final DebugSessionFactory engine;
    private final ServeOptions options;
    private final Map<String, WebSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper;

    SessionRegistry(DebugSessionFactory engine, ServeOptions options) {
        this.engine = engine;
        this.options = options;
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hindsight-session-reaper");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(20, Math.min(options.idleTimeout().toMillis() / 4, 10_000));
        reaper.scheduleWithFixedDelay(this::expireIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /** 128 random bits, URL-safe. */
    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The session a new connection attaches to: the one named by {@code id}, a fresh one when no id
     * is given, or null when the named session no longer exists.
     */
    synchronized WebSession open(String id) {
        if (options.singleSession()) {
            // A session that answered a disconnect lingers until its close has run; the page that
            // disconnected it reconnects at once and must not be handed the dying one.
            return sessions.values().stream().filter(s -> !s.ending()).findFirst().orElseGet(this::create);
        }
        if (id == null || id.isEmpty()) return create();
        WebSession s = sessions.get(id);
        return s == null || s.ending() ? null : s;
    }

    private WebSession create() {
        while (sessions.size() >= options.maxSessions()) {
            sessions.values().stream().min(Comparator.comparingLong(WebSession::lastActivity))
                    .ifPresent(s -> end(s, "closed to make room for a newer session"));
        }
        DebugSession debug = engine.create();
        WebSession s = new WebSession(newId(), debug, options.maxOutputBytes(), System::nanoTime);
        sessions.put(s.id, s);
        debug.onClosed(() -> end(s, "the session ended"));
        return s;
    }

    int size() {
        return sessions.size();
    }

    void expireIdle() {
        long limit = System.nanoTime() - options.idleTimeout().toNanos();
        for (WebSession s : List.copyOf(sessions.values())) {
            if (s.lastActivity() - limit < 0) {
                end(s, "the session expired after " + minutes(options.idleTimeout()) + " idle");
            }
        }
    }

    private void end(WebSession s, String reason) {
        sessions.remove(s.id, s);
        try {
            s.close(reason);
        } catch (RuntimeException e) {
            System.err.println("hindsight: closing session failed: " + e);
        }
    }

    private static String minutes(Duration d) {
        return d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        for (WebSession s : List.copyOf(sessions.values())) end(s, "the server is shutting down");
    }
}
