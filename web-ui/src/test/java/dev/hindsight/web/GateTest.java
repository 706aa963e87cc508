package dev.hindsight.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class GateTest {

    @Test
    void tokenIsRequiredForPagesAndWebSocketsAndThenCarriedByTheCookie() throws Exception {
        try (ServerFixture f = new ServerFixture(ServeOptions.defaults().withToken(Optional.of("s3cret")))) {
            assertEquals(401, f.get("/", Map.of()).statusCode());
            assertEquals(401, f.get("/?token=wrong", Map.of()).statusCode());
            assertEquals(401, f.get("/app.js", Map.of("Cookie", Gate.COOKIE + "=nope")).statusCode());

            HttpResponse<String> page = f.get("/?token=s3cret", Map.of());
            assertEquals(200, page.statusCode());
            String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.startsWith(Gate.COOKIE + "=s3cret"), cookie);
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            assertEquals(200, f.get("/app.js", Map.of("Cookie", Gate.COOKIE + "=s3cret")).statusCode());

            ExecutionException refused = assertThrows(ExecutionException.class, () -> f.connect("", Map.of()).open());
            assertEquals(401, assertInstanceOf(WebSocketHandshakeException.class, refused.getCause()).getResponse().statusCode());
            assertTrue(f.connect("?token=s3cret", Map.of()).next().contains("hindsight/session"));
        }
    }

    @Test
    void anyAddressButLoopbackGetsAGeneratedToken() {
        assertTrue(ServeCommand.withRequiredToken(ServeOptions.parse("--host", "127.0.0.1")).token().isEmpty());
        assertEquals("mine", ServeCommand.withRequiredToken(ServeOptions.parse("--host", "0.0.0.0", "--token", "mine")).token().orElseThrow());
    }

    /**
     * Unguessable: at least 128 bits, judged from the tokens themselves (each position's observed
     * alphabet: 1000 samples show every symbol of a 64-symbol alphabet at every position), in
     * characters a URL carries unescaped.
     */
    @Test
    void generatedTokensCarryAtLeast128RandomBitsInUrlSafeCharacters() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(ServeCommand.withRequiredToken(ServeOptions.parse("--host", "0.0.0.0")).token().orElseThrow());
        }
        for (String t : tokens) assertTrue(t.matches("[A-Za-z0-9_-]+"), t);
        assertEquals(tokens.size(), new HashSet<>(tokens).size(), "no token repeats");
        int length = tokens.stream().mapToInt(String::length).min().orElseThrow();
        long[] symbols = new long[length];
        double bits = 0;
        for (int i = 0; i < length; i++) {
            symbols[i] = symbolsAt(tokens, i, i);
            bits += Math.log(symbols[i]) / Math.log(2);
        }
        assertTrue(bits >= 128, "about " + Math.round(bits) + " random bits in " + tokens.get(0));
        // Counting each position's bits holds only if no position merely repeats another: then the
        // pairs of their symbols would be no more varied than one of them alone.
        for (int i = 0; i < length; i++) {
            for (int j = i + 1; j < length; j++) {
                long pairs = symbolsAt(tokens, i, j);
                assertTrue(pairs > 2 * Math.max(symbols[i], symbols[j]), "positions " + i + " and " + j + " go together: " + tokens.get(0));
            }
        }
    }

    /** How many different (character at i, character at j) the tokens show. */
    private static long symbolsAt(List<String> tokens, int i, int j) {
        return tokens.stream().map(t -> t.charAt(i) + "" + t.charAt(j)).distinct().count();
    }

    @Test
    void withoutATokenOnlyLoopbackHostNamesAreServed() throws Exception {
        assertTrue(Gate.loopbackName("127.0.0.1:8080") && Gate.loopbackName("localhost") && Gate.loopbackName("[::1]:80"));
        assertTrue(!Gate.loopbackName("evil.example:8080") && !Gate.loopbackName("localhost.evil.example") && !Gate.loopbackName(null));
        try (ServerFixture f = ServerFixture.loopback()) {
            assertEquals(200, f.get("/", Map.of()).statusCode());
            assertTrue(rawGet(f.server.port(), "evil.example:" + f.server.port()).startsWith("HTTP/1.1 403"));
            assertTrue(rawGet(f.server.port(), "localhost:" + f.server.port()).startsWith("HTTP/1.1 200"));
        }
    }

    /** A request with a Host header of our choosing (java.net.http does not let us set it). */
    private static String rawGet(int port, String host) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        try (ServerFixture f = new ServerFixture(ServeOptions.defaults().withToken(Optional.of("t")))) {
            for (String path : new String[] {"/?token=t", "/app.js?token=t", "/style.css?token=t", "/missing?token=t", "/"}) {
                HttpResponse<String> r = f.get(path, Map.of());
                String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow(() -> new AssertionError("no CSP on " + path));
                assertTrue(csp.contains("default-src 'self'") && csp.contains("script-src 'self'")
                        && csp.contains("frame-ancestors 'none'") && csp.contains("require-trusted-types-for 'script'")
                        && !csp.contains("unsafe-inline"), csp);
                assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
                assertTrue(r.headers().firstValue("Server").isEmpty(), "no server version on " + path);
            }
            assertEquals(404, f.get("/missing?token=t", Map.of()).statusCode());
        }
    }

    @Test
    void badOptionsAreRefusedWithAReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServeOptions.parse("--port", "x")).getMessage().contains("--port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServeOptions.parse("--frobnicate")).getMessage().contains("unknown"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServeOptions.parse("--token")).getMessage().contains("needs a value"));
        ServeOptions o = ServeOptions.parse("--port", "0", "--single-session", "--idle-timeout", "5");
        assertEquals(0, o.port());
        assertTrue(o.singleSession());
        assertEquals(5, o.idleTimeout().toMinutes());
    }
}
