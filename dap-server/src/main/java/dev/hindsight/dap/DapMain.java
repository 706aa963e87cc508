package dev.hindsight.dap;

import dev.hindsight.dap.transport.StreamConnection;
import dev.hindsight.dap.transport.StreamLimits;
import dev.hindsight.dap.transport.TcpServer;
import dev.hindsight.tracer.compile.ServerRoot;
import dev.hindsight.tracer.compile.SessionDirectory;
import dev.hindsight.tracer.confine.ConfineOptions;
import dev.hindsight.tracer.confine.ConfinementException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code hindsight dap [--port N [--host H] [--allow-remote]] [--max-message B] [--output-limit B]
 * [--confine [limits]]}: DAP on stdin/stdout, or a TCP server with one session per connection.
 * Logs go to stderr only; stdout carries nothing but
 * protocol messages.
 */
public final class DapMain {
    public static final String USAGE = """
            usage: hindsight dap                      speak DAP on stdin/stdout (what editors start)
                   hindsight dap --port N [--host H]  listen on H:N (default 127.0.0.1), a session per connection
            options:
              --allow-remote          allow a --host that is not a loopback address (anyone who can connect can run programs)
              --max-message BYTES     largest message accepted from a client (default 1048576); a larger one is
                                      skipped unread and its request answered with an error
              --output-limit BYTES    program output (stdout+stderr) forwarded per session (default 1048576,
                                      0 for no limit); past it, one notice and the rest is dropped
            """ + ConfineOptions.USAGE + """
              With --confine, launch may still name programs and source files: their folders and the
              working directory are visible read-only; attach is refused.
            """;

    private DapMain() {}

    /**
     * A parsed command line.
     *
     * @param port null: DAP on stdin/stdout
     */
    public record Settings(Integer port, String host, boolean allowRemote, ConfineOptions confine, StreamLimits limits,
                           boolean help) {}

    public static void main(String[] argv) {
        dev.hindsight.tracer.log.LogFile.console(java.util.logging.Level.INFO);
        Settings settings;
        try {
            settings = parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("hindsight dap: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (settings.help()) {
            System.out.print(USAGE);
            return;
        }
        DapSessionOptions options;
        try {
            options = sessionOptions(settings.confine());
        } catch (ConfinementException | IOException e) {
            System.err.println("hindsight dap: --confine: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (settings.port() == null) {
            stdio(options, settings.limits());
        } else {
            tcp(settings.host(), settings.port(), settings.allowRemote(), options, settings.limits());
        }
    }

    /** The options of {@code hindsight dap}; a wrong one is an IllegalArgumentException saying what is wrong. */
    public static Settings parse(String[] argv) {
        Integer port = null;
        String host = "127.0.0.1";
        boolean allowRemote = false;
        int maxMessage = StreamLimits.DEFAULT;
        long outputLimit = StreamLimits.DEFAULT;
        ConfineOptions confine = ConfineOptions.extract(argv, false);
        String[] args = confine.restArray();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--host" -> host = value(args, ++i, "--host");
                case "--allow-remote" -> allowRemote = true;
                case "--max-message" -> maxMessage = Integer.parseInt(value(args, ++i, "--max-message"));
                case "--output-limit" -> outputLimit = Long.parseLong(value(args, ++i, "--output-limit"));
                case "-h", "--help" -> {
                    return new Settings(null, host, false, confine, StreamLimits.defaults(), true);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (port != null && (port < 0 || port > 65535)) throw new IllegalArgumentException("--port must be 0-65535");
        return new Settings(port, host, allowRemote, confine, new StreamLimits(maxMessage, outputLimit), false);
    }

    /** With --confine: no attach, sessions in a sandbox, their directories under this server's root. */
    public static DapSessionOptions sessionOptions(ConfineOptions confine) throws ConfinementException, IOException {
        if (!confine.enabled()) return DapSessionOptions.defaults();
        Path root = ServerRoot.create(SessionDirectory.baseDirectory(System::getenv));
        return new DapSessionOptions(false, true, root, confine.createOrNull(root));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    private static void stdio(DapSessionOptions options, StreamLimits limits) {
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        // Anything that prints by mistake must not corrupt the protocol stream.
        System.setOut(System.err);
        StreamConnection.serve(new FileInputStream(FileDescriptor.in), out, options, limits, () -> { });
        System.exit(0);
    }

    private static void tcp(String host, int port, boolean allowRemote, DapSessionOptions options, StreamLimits limits) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            System.err.println("hindsight dap: unknown host " + host);
            System.exit(2);
            return;
        }
        if (!address.isLoopbackAddress() && !allowRemote) {
            System.err.println("hindsight dap: refusing to listen on " + host + ", which is not a loopback address: "
                    + "anyone who can connect can run programs as you. Tunnel the port (ssh -L), or pass --allow-remote.");
            System.exit(2);
            return;
        }
        try (TcpServer server = new TcpServer(address, port, options, limits)) {
            System.err.println("Hindsight DAP server listening on " + address.getHostAddress() + ":" + server.port());
            server.serve();
        } catch (IOException e) {
            System.err.println("hindsight dap: cannot listen on " + host + ":" + port + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
