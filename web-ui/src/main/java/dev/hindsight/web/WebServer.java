package dev.hindsight.web;

import dev.hindsight.web.engine.DebugSessionFactory;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/** The Jetty server: the gate, then {@code /dap} WebSocket upgrades, then the page's static files. */
public final class WebServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final SessionRegistry registry;
    private final ServeOptions options;

    public WebServer(ServeOptions options, DebugSessionFactory engine) {
        this.options = options;
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("hindsight-web");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost(options.host());
        connector.setPort(options.port());
        server.addConnector(connector);
        registry = new SessionRegistry(engine, options);

        WebSocketUpgradeHandler sockets = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(options.maxMessageBytes());
            container.setMaxBinaryMessageSize(1024);
            container.setIdleTimeout(Duration.ofHours(24));
            container.addMapping("/dap", new DapEndpoint(registry));
        });
        sockets.setHandler(new Handler.Sequence(staticFiles(), new NotFound()));
        server.setHandler(new Gate(options.token(), sockets));
    }

    private ResourceHandler staticFiles() {
        ResourceHandler files = new ResourceHandler();
        Resource base = ResourceFactory.of(server).newClassLoaderResource("static");
        if (base == null) {
            throw new IllegalStateException("the page is missing from the class path (static/): build the front end");
        }
        files.setBaseResource(base);
        files.setDirAllowed(false);
        files.setWelcomeFiles(List.of("index.html"));
        files.setWelcomeMode(ResourceService.WelcomeMode.SERVE);
        files.setCacheControl("no-cache");
        return files;
    }

    public WebServer start() throws Exception {
        server.start();
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The address to open, with the token when one is in force. */
    public String url() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + host + ":" + port() + "/" + options.token().map(t -> "?token=" + t).orElse("");
    }

    int sessionCount() {
        return registry.size();
    }

    SessionRegistry registry() {
        return registry;
    }

    @Override
    public void close() throws Exception {
        try {
            registry.close();
        } finally {
            server.stop();
        }
    }

    /** Our own 404, so the security headers set by the gate stay on it. */
    private static final class NotFound extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            return Gate.refuse(response, callback, 404, "not found");
        }
    }
}
