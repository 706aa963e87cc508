package dev.hindsight.web;

import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * Accepts WebSocket upgrades on {@code /dap}: a browser's must come from the page's own origin
 * (another site's page cannot drive the debugger with the user's cookie); clients without an
 * Origin header are scripts, which got past the token check like any request.
 * {@code ?session=ID} reattaches to a live session. Frames go uncompressed.
 */
final class DapEndpoint implements WebSocketCreator {
    private final SessionRegistry registry;

    DapEndpoint(SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && !sameOrigin(origin, request.getHeaders().get(HttpHeader.HOST))) {
            Gate.refuse(response, callback, 403, "WebSocket from a foreign origin refused");
            return null;
        }
        // No permessage-deflate: DAP messages are small, and compressing each one (zlib on
        // both ends, on a worker pool in browsers and node) cost two thirds of a step's round trip.
        response.setExtensions(List.of());
        return new DapSocket(registry, Request.extractQueryParameters(request).getValue("session"));
    }

    static boolean sameOrigin(String origin, String host) {
        if (host == null) return false;
        String o = origin.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        return o.equals("http://" + h) || o.equals("https://" + h);
    }
}
