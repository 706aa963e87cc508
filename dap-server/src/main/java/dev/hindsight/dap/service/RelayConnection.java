package dev.hindsight.dap.service;

import dev.hindsight.dap.DapMain;
import dev.hindsight.dap.DapSessionOptions;
import dev.hindsight.dap.transport.StreamConnection;
import dev.hindsight.tracer.confine.ConfinementException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One relay's session: the header, then a session exactly as {@code hindsight dap} runs one on
 * stdin/stdout with the same options (their errors and exit statuses too), until the client
 * disconnects or the relay goes (its editor closed its stdin, or it was killed): then the
 * session ends as at the end of stdin, its program killed and its files removed.
 */
final class RelayConnection {
    private RelayConnection() {}

    /** Serves the connection to its end and closes it; returns what the relay was told to exit with, -1 if nothing. */
    static int serve(SocketChannel channel, int number, PrintStream log) {
        RelayChannel relay = new RelayChannel(channel);
        int[] status = {-1};
        SessionStderr.runWith(relay.output(RelayChannel.STDERR), () -> {
            InputStream in = new BufferedInputStream(relay.input(), 1 << 16);
            RelayHeader header;
            try {
                header = RelayHeader.read(in);
            } catch (IOException e) {
                log.println("session " + number + ": no session: " + e.getMessage());
                return;
            }
            log.println("session " + number + ": started in " + header.cwd() + " with options " + header.args());
            int exit = session(header, in, relay);
            try {
                relay.exit(exit);
                status[0] = exit;
            } catch (IOException e) {
                // The relay is gone: nobody to tell.
            }
            log.println("session " + number + ": ended (" + exit + ")");
        });
        try {
            channel.close();
        } catch (IOException e) {
            // closed already
        }
        return status[0];
    }

    /** As DapMain.main runs a stdio session; returns the exit status it would have. */
    private static int session(RelayHeader header, InputStream in, RelayChannel relay) {
        PrintStream err = new PrintStream(relay.output(RelayChannel.STDERR), true, StandardCharsets.UTF_8);
        DapMain.Settings settings;
        try {
            settings = DapMain.parse(header.args().toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            err.println("hindsight dap: " + e.getMessage());
            err.print(DapMain.USAGE);
            return 2;
        }
        if (settings.help()) {
            new PrintStream(relay.output(RelayChannel.STDOUT), true, StandardCharsets.UTF_8).print(DapMain.USAGE);
            return 0;
        }
        if (settings.port() != null) {
            err.println("hindsight dap: the adapter service serves stdin/stdout sessions only; --port runs its own server");
            return 2;
        }
        DapSessionOptions options;
        try {
            options = DapMain.sessionOptions(settings.confine());
        } catch (ConfinementException | IOException e) {
            err.println("hindsight dap: --confine: " + e.getMessage());
            return 1;
        }
        LaunchRewriter rewriter = new LaunchRewriter(header, options.confinement() != null);
        InputStream client = new LaunchFilter(in, settings.limits().maxMessageBytes(), rewriter::rewrite);
        StreamConnection.serve(client, relay.output(RelayChannel.STDOUT), options, settings.limits(), () -> { });
        return 0;
    }
}
