package dev.hindsight.dap.service;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * {@code java … dev.hindsight.dap.service.DapService --socket PATH --idle-seconds N --log FILE}:
 * the adapter service (see the package documentation). Started detached by the relay when it
 * finds none; one per socket (a lock beside it), the others started at the same time leave.
 * Beside the socket: {@code PATH.lock}, {@code PATH.pid} (this process), and the log.
 */
public final class DapService {
    /** Between the socket's removal at the idle time and the exit: connections already made are served. */
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path socket;
    private final long idleNanos;
    private final PrintStream log;
    private int sessions, started;
    private long quietSince = System.nanoTime();
    private boolean draining;
    /** A relay's session has begun: the warm-up, if still running, stops. */
    private volatile boolean anySession;
    private final java.util.concurrent.atomic.AtomicBoolean removed = new java.util.concurrent.atomic.AtomicBoolean();

    private DapService(Path socket, long idleNanos, PrintStream log) {
        this.socket = socket;
        this.idleNanos = idleNanos;
        this.log = log;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path socket = null, logFile = null;
        long idleSeconds = 900;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--socket" -> socket = Path.of(args[i + 1]);
                case "--idle-seconds" -> idleSeconds = Long.parseLong(args[i + 1]);
                case "--log" -> logFile = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (socket == null || logFile == null) throw new IllegalArgumentException("usage: DapService --socket PATH --log FILE [--idle-seconds N]");
        PrintStream log = new PrintStream(new FileOutputStream(logFile.toFile(), true), true, StandardCharsets.UTF_8);
        SessionStderr.install(log);
        dev.hindsight.tracer.log.LogFile.console(java.util.logging.Level.INFO);
        if (!privateDirectory(socket.getParent())) {
            log.println(Instant.now() + " not serving: " + socket.getParent() + " is not a directory of this user's alone (mode 0700)");
            return;
        }
        FileLock lock = lock(socket, log);
        if (lock == null) return;
        new DapService(socket, TimeUnit.SECONDS.toNanos(idleSeconds), log).serve();
    }

    /** Whether only its owner, this process's user, may enter {@code dir}: the socket's real protection. */
    private static boolean privateDirectory(Path dir) throws IOException {
        Path probe = Files.createTempFile(dir, "owner", ".tmp");
        try {
            return Files.getOwner(dir).equals(Files.getOwner(probe))
                    && Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(PosixFilePermissions.fromString("rwx------"));
        } finally {
            Files.delete(probe);
        }
    }

    /** This socket's lock, or null when another service has it (and goes on serving). */
    private static FileLock lock(Path socket, PrintStream log) throws IOException, InterruptedException {
        FileChannel file = FileChannel.open(Path.of(socket + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        // A service at its idle end keeps the lock while it serves the connections it had: wait for it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            FileLock lock = file.tryLock();
            if (lock != null) return lock;
            if (Files.exists(socket) || System.nanoTime() > deadline) {
                log.println(Instant.now() + " pid " + ProcessHandle.current().pid() + ": another service serves " + socket);
                return null;
            }
            Thread.sleep(50);
        }
    }

    private void serve() throws IOException {
        Files.deleteIfExists(socket); // left by a service that was killed
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        UserPrincipal owner = Files.getOwner(socket);
        Path pid = Path.of(socket + ".pid");
        Files.writeString(pid, ProcessHandle.current().pid() + "\n");
        Runtime.getRuntime().addShutdownHook(new Thread(this::removeSocket, "dap-service-exit"));
        log.println(Instant.now() + " pid " + ProcessHandle.current().pid() + ": serving " + socket);
        Thread idle = new Thread(this::watchIdle, "dap-service-idle");
        idle.setDaemon(true);
        idle.start();
        if (!"off".equals(System.getenv("HINDSIGHT_DAP_SERVICE_WARMUP"))) WarmUp.startInBackground(log, () -> anySession);
        while (true) {
            SocketChannel channel = server.accept();
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!owner.equals(peer.user())) {
                refuse(channel, owner, peer);
                continue;
            }
            int number = begin();
            Thread t = new Thread(() -> {
                try {
                    RelayConnection.serve(channel, number, log);
                } finally {
                    end();
                }
            }, "dap-service-session-" + number);
            t.start();
        }
    }

    /**
     * Tells the client why, on its own thread: the client's header is read and dropped until it
     * ends its side (for a while at most), as closing on unread bytes would reset the connection
     * before the client read the message.
     */
    private void refuse(SocketChannel channel, UserPrincipal owner, UnixDomainPrincipal peer) {
        log.println(Instant.now() + " refused a client of user " + peer.user().getName());
        Thread t = new Thread(() -> {
            RelayChannel relay = new RelayChannel(channel);
            try (channel) {
                relay.output(RelayChannel.STDERR).write(("hindsight dap: the adapter service of user " + owner.getName()
                        + " refuses a client of user " + peer.user().getName() + "\n").getBytes(StandardCharsets.UTF_8));
                relay.exit(1);
                channel.shutdownOutput();
                java.nio.ByteBuffer sink = java.nio.ByteBuffer.allocate(4096);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                channel.configureBlocking(false);
                while (System.nanoTime() < deadline && channel.read(sink.clear()) >= 0) Thread.sleep(20);
            } catch (IOException | InterruptedException e) {
                // gone already
            }
        }, "dap-service-refusal");
        t.setDaemon(true);
        t.start();
    }

    private synchronized int begin() {
        anySession = true;
        sessions++;
        return ++started;
    }

    private synchronized void end() {
        if (--sessions == 0) quietSince = System.nanoTime();
    }

    /**
     * After the idle time without sessions: the socket goes first, so that new relays start their
     * own adapter (and a new service); the connections made before are still served; then the exit.
     */
    private void watchIdle() {
        while (true) {
            try {
                Thread.sleep(Math.max(10, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(idleNanos) / 4)));
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                long quiet = System.nanoTime() - quietSince;
                if (sessions > 0) continue;
                if (!draining && quiet >= idleNanos) {
                    draining = true;
                    removeSocket();
                    quietSince = System.nanoTime();
                    log.println(Instant.now() + " idle: no more sessions");
                } else if (draining && quiet >= DRAIN_NANOS) {
                    log.println(Instant.now() + " exiting");
                    System.exit(0);
                }
            }
        }
    }

    /** Once: a new service may have bound the same path since. */
    private void removeSocket() {
        if (removed.getAndSet(true)) return;
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(Path.of(socket + ".pid"));
        } catch (IOException e) {
            log.println("cannot remove " + socket + ": " + e.getMessage());
        }
    }
}
