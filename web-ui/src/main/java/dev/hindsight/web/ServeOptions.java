package dev.hindsight.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What {@code hindsight serve} was asked for: where to listen, who may connect, how sessions live
 * and how many the server admits. A new option is a component here, a field of {@link Builder}
 * (copied both ways) and a {@code with} method that edits only that field.
 */
public record ServeOptions(String host, int port, boolean singleSession, Optional<String> token,
                           Duration idleTimeout, int maxSessions, int maxMessageBytes, int maxOutputBytes,
                           int maxSessionsPerClient, Duration grace, Duration launchTimeout,
                           boolean trustProxy, Optional<String> instance) {

    public static final String USAGE = """
            usage: hindsight serve [--port 8080] [--host 127.0.0.1] [--single-session] [--token T]
                                   [--idle-timeout MINUTES] [--grace MINUTES] [--max-sessions N]
                                   [--max-sessions-per-client N] [--trust-proxy] [--instance NAME]
                                   [--log LEVEL=FILE]
              --port N             port to listen on (0: any free port); default 8080
              --host ADDR          address to listen on; default 127.0.0.1. Any non-loopback
                                   address requires a token (generated unless --token is given)
              --single-session     one debugging session that every page reconnects to
              --token T            require this token (?token=T in the URL, then a cookie)
              --idle-timeout MIN   end sessions without client messages for MIN minutes; default 30
              --grace MIN          a session whose page went away is paused at once and ended after
                                   MIN minutes unless its page comes back; default 2 (0: at once)
              --max-sessions N     programs debugged at once; beyond that "server busy"; default 16
              --max-sessions-per-client N
                                   sessions one client address may hold; default 4
              --trust-proxy        the client address is the last X-Forwarded-For entry (set by
                                   the load balancer in front), not the connection's peer
              --instance NAME      this server's name behind a load balancer: prefixes session
                                   ids (NAME.…) and is reported by /healthz
              --log LEVEL=FILE     write a log (error, warn, info or debug); every line starts
                                   with its level: grep '^ERROR\\|^WARN' FILE
            """;

    public static ServeOptions defaults() {
        return new ServeOptions("127.0.0.1", 8080, false, Optional.empty(), Duration.ofMinutes(30),
                16, 1 << 20, 1 << 20, 4, Duration.ofMinutes(2), Duration.ofMinutes(1), false, Optional.empty());
    }

    /** Parses the command line; a bad option throws {@link IllegalArgumentException} with a readable message. */
    public static ServeOptions parse(String... args) {
        ServeOptions o = defaults();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> o = o.withPort(intValue(a, value(args, ++i, a), 0, 65535));
                case "--host" -> o = o.withHost(value(args, ++i, a));
                case "--single-session" -> o = o.withSingleSession(true);
                case "--token" -> o = o.withToken(Optional.of(nonEmpty(a, value(args, ++i, a))));
                case "--idle-timeout" -> o = o.withIdleTimeout(minutes(a, value(args, ++i, a), 1));
                case "--grace" -> o = o.withGrace(minutes(a, value(args, ++i, a), 0));
                case "--max-sessions" -> o = o.withMaxSessions(intValue(a, value(args, ++i, a), 1, 10_000));
                case "--max-sessions-per-client" -> o = o.withMaxSessionsPerClient(intValue(a, value(args, ++i, a), 1, 10_000));
                case "--trust-proxy" -> o = o.withTrustProxy(true);
                case "--instance" -> o = o.withInstance(Optional.of(instanceName(a, value(args, ++i, a))));
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        return o;
    }

    /** Whether {@link #host} names only this machine. */
    public boolean loopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "'");
        }
    }

    public ServeOptions withPort(int p) { return edit(b -> b.port = p); }
    public ServeOptions withHost(String h) { return edit(b -> b.host = h); }
    public ServeOptions withSingleSession(boolean s) { return edit(b -> b.singleSession = s); }
    public ServeOptions withToken(Optional<String> t) { return edit(b -> b.token = t); }
    public ServeOptions withIdleTimeout(Duration d) { return edit(b -> b.idleTimeout = d); }
    public ServeOptions withMaxSessions(int n) { return edit(b -> b.maxSessions = n); }
    public ServeOptions withMaxSessionsPerClient(int n) { return edit(b -> b.maxSessionsPerClient = n); }
    public ServeOptions withGrace(Duration d) { return edit(b -> b.grace = d); }
    public ServeOptions withLaunchTimeout(Duration d) { return edit(b -> b.launchTimeout = d); }
    public ServeOptions withTrustProxy(boolean t) { return edit(b -> b.trustProxy = t); }
    public ServeOptions withInstance(Optional<String> name) { return edit(b -> b.instance = name); }
    public ServeOptions withLimits(int sessions, int messageBytes, int outputBytes) {
        return edit(b -> {
            b.maxSessions = sessions;
            b.maxMessageBytes = messageBytes;
            b.maxOutputBytes = outputBytes;
        });
    }

    private ServeOptions edit(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** The components as mutable fields, so that each {@code with} method names only its own. */
    private static final class Builder {
        String host;
        int port;
        boolean singleSession;
        Optional<String> token;
        Duration idleTimeout;
        int maxSessions;
        int maxMessageBytes;
        int maxOutputBytes;
        int maxSessionsPerClient;
        Duration grace;
        Duration launchTimeout;
        boolean trustProxy;
        Optional<String> instance;

        Builder(ServeOptions o) {
            host = o.host;
            port = o.port;
            singleSession = o.singleSession;
            token = o.token;
            idleTimeout = o.idleTimeout;
            maxSessions = o.maxSessions;
            maxMessageBytes = o.maxMessageBytes;
            maxOutputBytes = o.maxOutputBytes;
            maxSessionsPerClient = o.maxSessionsPerClient;
            grace = o.grace;
            launchTimeout = o.launchTimeout;
            trustProxy = o.trustProxy;
            instance = o.instance;
        }

        ServeOptions build() {
            return new ServeOptions(host, port, singleSession, token, idleTimeout, maxSessions, maxMessageBytes,
                    maxOutputBytes, maxSessionsPerClient, grace, launchTimeout, trustProxy, instance);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    private static String nonEmpty(String option, String v) {
        if (v.isBlank()) throw new IllegalArgumentException(option + " must not be empty");
        return v;
    }

    /** A name that can begin a session id and be matched by a load balancer as it is. */
    private static String instanceName(String option, String v) {
        if (!v.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new IllegalArgumentException(option + " must be 1 to 32 letters, digits, '_' or '-', not '" + v + "'");
        }
        return v;
    }

    private static Duration minutes(String option, String v, int min) {
        return Duration.ofMinutes(intValue(option, v, min, 7 * 24 * 60));
    }

    private static int intValue(String option, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) throw new IllegalArgumentException(option + " must be between " + min + " and " + max);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not '" + v + "'");
        }
    }
}
