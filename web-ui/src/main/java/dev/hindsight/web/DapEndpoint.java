package dev.hindsight.web;

import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * Accepts WebSocket upgrades on {@code /dap}: a browser's must come from the page's own origin
 * (another site's page cannot drive the debugger with the user's cookie); clients without an
 * Origin header are scripts, which got past the token check like any request.
 * {@code ?session=ID&secret=S} reattaches to a live session. Frames go uncompressed. Sessions are
 * counted per client address: the connection's peer, or with {@code --trust-proxy} the address the
 * load balancer in front wrote last into X-Forwarded-For (entries before it may be the client's own).
 */
final class DapEndpoint implements WebSocketCreator {
    private final SessionRegistry registry;
    private final boolean trustProxy;

    DapEndpoint(SessionRegistry registry, boolean trustProxy) {
        this.registry = registry;
        this.trustProxy = trustProxy;
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
        Fields query = Request.extractQueryParameters(request);
        return new DapSocket(registry, query.getValue("session"), query.getValue("secret"), clientAddress(request, trustProxy),
                "1".equals(query.getValue("batch")));
    }

    static String clientAddress(Request request, boolean trustProxy) {
        if (trustProxy) {
            List<String> hops = request.getHeaders().getCSV(HttpHeader.X_FORWARDED_FOR, false);
            if (!hops.isEmpty() && !hops.get(hops.size() - 1).isBlank()) return hops.get(hops.size() - 1).trim();
        }
        return Request.getRemoteAddr(request);
    }

    static boolean sameOrigin(String origin, String host) {
        if (host == null) return false;
        String o = origin.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        return o.equals("http://" + h) || o.equals("https://" + h);
    }
}
