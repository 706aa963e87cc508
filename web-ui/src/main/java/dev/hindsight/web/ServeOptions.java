package dev.hindsight.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/** What {@code hindsight serve} was asked for: where to listen, who may connect, how sessions live. */
public record ServeOptions(String host, int port, boolean singleSession, Optional<String> token,
                           Duration idleTimeout, int maxSessions, int maxMessageBytes, int maxOutputBytes) {

    public static final String USAGE = """
            usage: hindsight serve [--port 8080] [--host 127.0.0.1] [--single-session] [--token T]
                                   [--idle-timeout MINUTES]
              --port N             port to listen on (0: any free port); default 8080
              --host ADDR          address to listen on; default 127.0.0.1. Any non-loopback
                                   address requires a token (generated unless --token is given)
              --single-session     one debugging session that every page reconnects to
              --token T            require this token (?token=T in the URL, then a cookie)
              --idle-timeout MIN   end sessions without client messages for MIN minutes; default 30
            """;

    public static ServeOptions defaults() {
        return new ServeOptions("127.0.0.1", 8080, false, Optional.empty(), Duration.ofMinutes(30),
                16, 1 << 20, 1 << 20);
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
                case "--idle-timeout" -> o = o.withIdleTimeout(Duration.ofMinutes(intValue(a, value(args, ++i, a), 1, 7 * 24 * 60)));
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

    public ServeOptions withPort(int p) { return new ServeOptions(host, p, singleSession, token, idleTimeout, maxSessions, maxMessageBytes, maxOutputBytes); }
    public ServeOptions withHost(String h) { return new ServeOptions(h, port, singleSession, token, idleTimeout, maxSessions, maxMessageBytes, maxOutputBytes); }
    public ServeOptions withSingleSession(boolean s) { return new ServeOptions(host, port, s, token, idleTimeout, maxSessions, maxMessageBytes, maxOutputBytes); }
    public ServeOptions withToken(Optional<String> t) { return new ServeOptions(host, port, singleSession, t, idleTimeout, maxSessions, maxMessageBytes, maxOutputBytes); }
    public ServeOptions withIdleTimeout(Duration d) { return new ServeOptions(host, port, singleSession, token, d, maxSessions, maxMessageBytes, maxOutputBytes); }
    public ServeOptions withLimits(int sessions, int messageBytes, int outputBytes) { return new ServeOptions(host, port, singleSession, token, idleTimeout, sessions, messageBytes, outputBytes); }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    private static String nonEmpty(String option, String v) {
        if (v.isBlank()) throw new IllegalArgumentException(option + " must not be empty");
        return v;
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
