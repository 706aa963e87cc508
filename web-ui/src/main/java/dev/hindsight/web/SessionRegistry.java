package dev.hindsight.web;

import dev.hindsight.web.engine.DebugSession;
import dev.hindsight.web.engine.DebugSessionFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live sessions by id, and who gets one. A connection without an id gets a new session (or, in
 * single-session mode, the one session) unless the server is full or its client address already
 * holds its share; one with an id gets that session only with the secret its creator was given, so
 * no connection can take over or push out another's session. A session counts against the capacity
 * once it launches a program; one that has not launched within the launch timeout is closed. A
 * session whose page went away is paused at once and ended after the grace period unless its page
 * comes back; one whose page stays but is silent ends after the idle timeout.
 */
final class SessionRegistry implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SessionRegistry.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private final DebugSessionFactory engine;
    private final ServeOptions options;
    private final Map<String, WebSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper;

    /** What a new connection gets: its session, or the close code and reason to refuse it with. */
    record Opening(WebSession session, int refusal, String reason) {
        static Opening refused(int code, String reason) {
            return new Opening(null, code, reason);
        }
    }

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
     * The session a new connection from {@code client} attaches to: the one named by {@code id} when
     * {@code secret} is its creator's, or a fresh one when no id is given and there is room.
     */
    synchronized Opening open(String id, String secret, String client) {
        if (options.singleSession()) {
            // A session that answered a disconnect lingers until its close has run; the page that
            // disconnected it reconnects at once and must not be handed the dying one.
            return new Opening(sessions.values().stream().filter(s -> !s.ending()).findFirst()
                    .orElseGet(() -> create(client)), 0, null);
        }
        if (id == null || id.isEmpty()) {
            String busy = refusal(client);
            return busy != null ? Opening.refused(DapSocket.TRY_AGAIN_LATER, busy) : new Opening(create(client), 0, null);
        }
        WebSession s = sessions.get(id);
        if (s == null || s.ending()) return Opening.refused(DapSocket.SESSION_GONE, "session expired or unknown: compile again");
        if (secret == null || !MessageDigest.isEqual(s.secret.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
            return Opening.refused(DapSocket.NOT_YOURS, "this session belongs to the page that started it");
        }
        return new Opening(s, 0, null);
    }

    /** Why {@code client} may not have another session now, or null. */
    private String refusal(String client) {
        if (inUse() >= options.maxSessions()) return full();
        long held = sessions.values().stream().filter(s -> s.owner.equals(client) && !s.ending()).count();
        if (held >= options.maxSessionsPerClient()) {
            return "server busy: your address already holds " + held + " sessions; use one or try again in a few minutes";
        }
        return null;
    }

    /** Counts {@code s} against the capacity as it launches a program; the reason when there is no room. */
    synchronized String admitLaunch(WebSession s) {
        if (s.launched()) return null;
        if (!options.singleSession() && inUse() >= options.maxSessions()) return full();
        s.markLaunched();
        return null;
    }

    private String full() {
        LOG.log(System.Logger.Level.WARNING, "a session was refused: all {0} are in use", options.maxSessions());
        return "server busy: all " + options.maxSessions() + " debugging sessions are in use; try again in a few minutes";
    }

    /** Sessions that launched a program and are not ending: what the capacity limits. */
    int inUse() {
        return (int) sessions.values().stream().filter(s -> s.launched() && !s.ending()).count();
    }

    private WebSession create(String client) {
        String id = options.instance().map(name -> name + ".").orElse("") + newId();
        DebugSession debug = engine.create();
        WebSession s = new WebSession(new WebSession.Identity(id, newId(), client, options.instance().orElse(null)),
                debug, options.maxOutputBytes(), System::nanoTime);
        sessions.put(s.id, s);
        LOG.log(System.Logger.Level.INFO, "session {0} opened by {1}", s.id, client);
        debug.onClosed(() -> end(s, "the session ended"));
        if (!options.singleSession()) {
            later(options.launchTimeout(), () -> {
                if (!s.launched()) end(s, "no program was launched within " + minutes(options.launchTimeout()));
            });
        }
        return s;
    }

    /** The page of {@code s} went away ({@code detachment} from {@link WebSession#detach}, -1 if another had replaced it). */
    void detached(WebSession s, long detachment) {
        if (detachment < 0) return;
        if (s.launched()) s.pauseProgram();
        later(options.grace(), () -> {
            if (s.stillDetached(detachment)) end(s, "its page went away " + minutes(options.grace()) + " ago");
        });
    }

    private void later(Duration delay, Runnable task) {
        try {
            reaper.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down: close() ends every session anyway
        }
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

    void end(WebSession s, String reason) {
        if (sessions.remove(s.id, s)) LOG.log(System.Logger.Level.INFO, "session {0} ended: {1}", s.id, reason);
        try {
            s.close(reason);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "closing session " + s.id + " failed", e);
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
