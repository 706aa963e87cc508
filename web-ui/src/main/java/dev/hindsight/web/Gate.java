package dev.hindsight.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * First handler of every request, WebSocket upgrades included: adds the security headers, then lets
 * through only requests that carry the token (query parameter, then the cookie it sets) or, without a
 * token, that name this machine in their Host header (a page on another site cannot reach a loopback
 * server through DNS rebinding). {@code /healthz} needs no token: a load balancer's health checks
 * cannot carry one, and it tells nothing but how many sessions are in use.
 */
final class Gate extends Handler.Wrapper {
    static final String COOKIE = "hindsight_token";
    private final Optional<byte[]> token;

    Gate(Optional<String> token, Handler next) {
        super(next);
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String host = request.getHeaders().get(HttpHeader.HOST);
        SecurityHeaders.apply(response.getHeaders(), host);
        if (token.isEmpty()) {
            if (!loopbackName(host)) {
                return refuse(response, callback, 403, "unexpected Host header: this server answers only to localhost");
            }
            return super.handle(request, response, callback);
        }
        if (Health.PATH.equals(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        String fromQuery = Request.extractQueryParameters(request).getValue("token");
        if (matches(fromQuery)) {
            Response.addCookie(response, HttpCookie.build(COOKIE, fromQuery)
                    .path("/").httpOnly(true).sameSite(HttpCookie.SameSite.STRICT).build());
            return super.handle(request, response, callback);
        }
        for (HttpCookie c : Request.getCookies(request)) {
            if (COOKIE.equals(c.getName()) && matches(c.getValue())) {
                return super.handle(request, response, callback);
            }
        }
        return refuse(response, callback, 401, "a token is required: open the URL printed by `hindsight serve`");
    }

    private boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(token.get(), candidate.getBytes(StandardCharsets.UTF_8));
    }

    static boolean loopbackName(String host) {
        if (host == null) return false;
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            return h.startsWith("[::1]");
        }
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        return name.equals("localhost") || name.equals("127.0.0.1");
    }

    static boolean refuse(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        Content.Sink.write(response, true, message + "\n", callback);
        return true;
    }
}
