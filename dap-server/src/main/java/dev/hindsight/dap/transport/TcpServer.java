package dev.hindsight.dap.transport;

import dev.hindsight.dap.DapSessionOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code --port}: one DAP session per TCP connection, any number at once. */
public final class TcpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpServer.class);

    private final ServerSocket socket;
    private final DapSessionOptions options;
    private final StreamLimits limits;

    public TcpServer(InetAddress host, int port, DapSessionOptions options, StreamLimits limits) throws IOException {
        this.options = options;
        this.limits = limits;
        socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(host, port));
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Accepts connections until closed. */
    public void serve() {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) LOG.warn("accept failed", e);
                continue;
            }
            Thread t = new Thread(() -> handle(client), "dap-connection-" + client.getPort());
            t.setDaemon(true);
            t.start();
        }
    }

    private void handle(Socket client) {
        LOG.info("session from {}", client.getRemoteSocketAddress());
        try {
            client.setTcpNoDelay(true);
            StreamConnection.serve(client.getInputStream(), client.getOutputStream(), options, limits, () -> closeQuietly(client));
        } catch (IOException e) {
            LOG.warn("connection failed", e);
            closeQuietly(client);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
