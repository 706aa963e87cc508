package dev.hindsight.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /healthz}, for load balancers: the sessions in use, the capacity and the instance's name as
 * JSON; 200 while new sessions are admitted, 503 when the server is full (it still serves its own
 * sessions). The gate lets it through without the token: health checkers do not have it.
 */
final class Health extends Handler.Abstract {
    static final String PATH = "/healthz";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final IntSupplier inUse;
    private final int capacity;
    private final Optional<String> instance;

    Health(IntSupplier inUse, int capacity, Optional<String> instance) {
        this.inUse = inUse;
        this.capacity = capacity;
        this.instance = instance;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!PATH.equals(Request.getPathInContext(request))) return false;
        int sessions = inUse.getAsInt();
        ObjectNode body = JSON.createObjectNode().put("sessions", sessions).put("capacity", capacity);
        instance.ifPresent(name -> body.put("instance", name));
        response.setStatus(sessions < capacity ? 200 : 503);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, body.toString(), callback);
        return true;
    }
}
