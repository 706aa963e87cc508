package dev.hindsight.web;

import dev.hindsight.web.engine.DapEngine;
import dev.hindsight.tracer.compile.ServerRoot;
import dev.hindsight.tracer.compile.SessionDirectory;
import dev.hindsight.tracer.confine.ConfineOptions;
import dev.hindsight.tracer.confine.Confinement;
import dev.hindsight.tracer.confine.ConfinementException;
import dev.hindsight.tracer.log.LogFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code hindsight serve}: starts the web server and prints where to open it. */
public final class ServeCommand {
    private static final System.Logger LOG = System.getLogger(ServeCommand.class.getName());
    private ServeCommand() {
    }

    public static void main(String[] args) throws Exception {
        // What is wrong on stderr; what happens (sessions opening, ending) only in --log's file.
        LogFile.console(java.util.logging.Level.WARNING);
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(ServeOptions.USAGE + TraceServeOptions.USAGE + ConfineOptions.USAGE);
            return;
        }
        ServeOptions options;
        ConfineOptions confine;
        TraceServeOptions traceOptions;
        try {
            LogFile.Extracted log = LogFile.extract(args);
            args = log.rest();
            if (log.spec() != null) LogFile.install(log.spec());
            confine = ConfineOptions.extract(args, true);
            traceOptions = TraceServeOptions.extract(confine.restArray());
            options = withRequiredToken(ServeOptions.parse(traceOptions.restArray()));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("hindsight serve: " + e.getMessage());
            System.err.print(ServeOptions.USAGE + TraceServeOptions.USAGE + ConfineOptions.USAGE);
            System.exit(2);
            return;
        }
        ServedTrace served = null;
        if (traceOptions.trace().isPresent()) {
            try {
                served = ServedTrace.open(traceOptions);
            } catch (IllegalArgumentException | IOException e) {
                System.err.println("hindsight serve: " + e.getMessage());
                System.exit(2);
                return;
            }
        }
        // A root of this server's own, so whatever a killed server left is removed at the next start.
        Path tempRoot = ServerRoot.create(SessionDirectory.baseDirectory(System::getenv));
        Confinement confinement;
        try {
            // A served recording compiles and runs nothing the page sends: the operator's own trace is
            // replayed with its system calls emulated (the sandbox's user could not even read it).
            confinement = served != null ? null : confine.createOrNull(tempRoot);
        } catch (ConfinementException e) {
            System.err.println("hindsight serve: " + e.getMessage() + " (--no-confine runs programs unconfined: only"
                    + " for a machine and network you trust)");
            SessionDirectory.deleteRecursively(tempRoot);
            System.exit(1);
            return;
        }
        String confined = served != null ? served.describe()
                : confinement == null ? "programs run UNCONFINED (--no-confine)"
                : "programs run confined: " + confinement.describe();
        System.err.println("hindsight serve: " + confined);
        LOG.log(System.Logger.Level.INFO, confined);
        WebServer server = served == null ? new WebServer(options, new DapEngine(tempRoot, confinement))
                : new WebServer(options, served.engine(tempRoot, confinement), served.modeJson());
        try {
            server.start();
        } catch (IOException e) {
            System.err.println("hindsight serve: cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage());
            server.close();
            SessionDirectory.deleteRecursively(tempRoot);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                removeWhenEmptied(tempRoot);
            } catch (Exception e) {
                System.err.println("hindsight serve: stopping: " + e);
            }
            stopped.countDown();
        }, "hindsight-shutdown"));
        LOG.log(System.Logger.Level.INFO, "listening on {0}:{1}", options.host(), String.valueOf(server.port()));
        System.out.println("Hindsight listening at " + server.url());
        System.out.flush();
        stopped.await();
    }

    /**
     * Sessions remove their own directories as they close, which may finish just after us; what is
     * left after that (the sandbox's seccomp program, a straggler) goes with the root.
     */
    private static void removeWhenEmptied(Path dir) throws IOException, InterruptedException {
        for (int tries = 0; tries < 20; tries++) {
            try (var entries = Files.list(dir)) {
                if (entries.allMatch(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))) break;
            } catch (java.nio.file.NoSuchFileException e) {
                return; // ServerRoot's own exit hook was first
            }
            Thread.sleep(100);
        }
        SessionDirectory.deleteRecursively(dir);
    }

    /** Any address other than loopback gets a token, generated when none was given. */
    static ServeOptions withRequiredToken(ServeOptions options) {
        if (options.token().isPresent() || options.loopback()) return options;
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return options.withToken(Optional.of(HexFormat.of().formatHex(bytes)));
    }
}
