package dev.hindsight.web;

import org.eclipse.jetty.http.HttpFields;

/**
 * The headers every response carries: the page runs only its own bundled code, talks only to its
 * own origin, and (Trusted Types) cannot turn a string into HTML or script at all.
 */
final class SecurityHeaders {
    private SecurityHeaders() {
    }

    /** @param host the request's Host header (host[:port]) so the WebSocket back to it is allowed */
    static void apply(HttpFields.Mutable headers, String host) {
        String self = host == null || host.isBlank() ? "" : " ws://" + host + " wss://" + host;
        headers.put("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; font-src 'self'; connect-src 'self'" + self + "; "
                + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
                + "require-trusted-types-for 'script'");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        headers.put("Cross-Origin-Resource-Policy", "same-origin");
        headers.put("Cache-Control", "no-cache");
    }
}
