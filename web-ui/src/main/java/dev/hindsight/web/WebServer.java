package dev.hindsight.web;

import dev.hindsight.web.engine.DebugSessionFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
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

/** The Jetty server: the gate, then {@code /dap} WebSocket upgrades, {@code /mode.json}, {@code /healthz}, then the page's static files. */
public final class WebServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final SessionRegistry registry;
    private final ServeOptions options;

    public WebServer(ServeOptions options, DebugSessionFactory engine) {
        this(options, engine, null);
    }

    /** @param trace what {@code /mode.json} says of the served recording (a JSON object), or null for the live UI */
    public WebServer(ServeOptions options, DebugSessionFactory engine, String trace) {
        this.options = options;
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("hindsight-web");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost(options.host());
        connector.setPort(options.port());
        // No product and version in every response: nothing for a scanner to match exploits against.
        connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().setSendServerVersion(false);
        server.addConnector(connector);
        registry = new SessionRegistry(engine, options);

        WebSocketUpgradeHandler sockets = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(options.maxMessageBytes());
            container.setMaxBinaryMessageSize(1024);
            container.setIdleTimeout(Duration.ofHours(24));
            container.addMapping("/dap", new DapEndpoint(registry, options.trustProxy()));
        });
        Resource page = ResourceFactory.of(server).newClassLoaderResource("static");
        Handler mode = new Mode(options.singleSession(), trace, dev.hindsight.tracer.arch.Architecture.host().name());
        Handler health = new Health(registry::inUse, options.maxSessions(), options.instance());
        sockets.setHandler(page == null
                ? new Handler.Sequence(mode, health, new Missing(503, "the page was not built (node and npm are needed): see README.md"))
                : new Handler.Sequence(mode, health, staticFiles(page), new Missing(404, "not found")));
        server.setHandler(new Gate(options.token(), sockets));
    }

    private static ResourceHandler staticFiles(Resource base) {
        ResourceHandler files = new ResourceHandler();
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

    /** The address to open, with the token when one is in force (a wildcard address names this machine). */
    public String url() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        if (options.host().equals("0.0.0.0") || options.host().equals("::")) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                // keep the wildcard: the user knows their machine's name
            }
        }
        return "http://" + host + ":" + port() + "/" + options.token().map(t -> "?token=" + t).orElse("");
    }

    int sessionCount() {
        return registry.size();
    }

    @Override
    public void close() throws Exception {
        try {
            registry.close();
        } finally {
            server.stop();
        }
    }

    /** {@code /mode.json}: tells the page whether every page shares one session (then it joins it on load),
     * the architecture its programs are built for and run on ({@code x86-64}, {@code aarch64}: the
     * examples menu offers that one's assembly) and, under {@code serve TRACE_DIR}, the recording it opens. */
    private static final class Mode extends Handler.Abstract {
        private final String json;

        Mode(boolean singleSession, String trace, String arch) {
            this.json = "{\"singleSession\":" + singleSession + ",\"arch\":\"" + arch + "\""
                    + (trace == null ? "" : ",\"trace\":" + trace) + "}";
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (!"/mode.json".equals(Request.getPathInContext(request))) return false;
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            Content.Sink.write(response, true, json, callback);
            return true;
        }
    }

    /** Our own error answer, so the security headers set by the gate stay on it. */
    private static final class Missing extends Handler.Abstract {
        private final int status;
        private final String message;

        Missing(int status, String message) {
            this.status = status;
            this.message = message;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            return Gate.refuse(response, callback, status, message);
        }
    }
}
