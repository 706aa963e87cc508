package dev.hindsight.dap.session;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.debug.RunInTerminalRequestArguments;
import org.eclipse.lsp4j.debug.RunInTerminalRequestArgumentsKind;
import org.eclipse.lsp4j.debug.RunInTerminalResponse;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;

/**
 * A terminal of the client's for the program (DAP's {@code runInTerminal}), the way CodeLLDB and
 * lldb-dap get one: the client runs, in its terminal, a shell command that writes that
 * terminal's device ({@code tty}) into a FIFO of ours and then waits on a second FIFO, so the
 * terminal's shell does not read the program's input; the program is then started with that
 * device as its stdio. Writing a line into the second FIFO ends the command. Both FIFOs live in a
 * directory only this server's user can enter: their names are the one-time secret. The
 * terminal has to be on this machine (a local client).
 */
final class ClientTerminal implements AutoCloseable {
    /** How long the client may take to start the command (VS Code opens a terminal first). */
    private static final long DEADLINE_SECONDS = 60;
    static final String SCRIPT = "tty >\"$1\" || exit 1; read -r done <\"$2\"";
    private final Path dir, report, release;
    private String tty;
    private boolean closed;

    private ClientTerminal(Path dir) {
        this.dir = dir;
        this.report = dir.resolve("tty");
        this.release = dir.resolve("done");
    }

    static ClientTerminal open(IDebugProtocolClient client, RunInTerminalRequestArgumentsKind kind, String title, Path cwd,
                               Runnable flush) {
        ClientTerminal t;
        try {
            t = new ClientTerminal(Files.createTempDirectory("hindsight-terminal-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
            mkfifo(t.report);
            mkfifo(t.release);
        } catch (IOException e) {
            throw new DapException(ErrorCode.LAUNCH_FAILED, "cannot prepare the terminal: " + e.getMessage(), e);
        }
        try {
            t.tty = t.await(client, kind, title, cwd, flush);
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    String tty() {
        return tty;
    }

    private String await(IDebugProtocolClient client, RunInTerminalRequestArgumentsKind kind, String title, Path cwd,
                         Runnable flush) {
        CompletableFuture<String> reported = CompletableFuture.supplyAsync(this::readReport, r -> {
            Thread th = new Thread(r, "dap-terminal-report");
            th.setDaemon(true);
            th.start();
        });
        RunInTerminalRequestArguments a = new RunInTerminalRequestArguments();
        a.setKind(kind);
        a.setTitle("Hindsight: " + title);
        a.setCwd(cwd == null ? System.getProperty("user.dir") : cwd.toString());
        a.setArgs(List.of("/bin/sh", "-c", SCRIPT, "hindsight-terminal", report.toString(), release.toString())
                .toArray(String[]::new));
        CompletableFuture<RunInTerminalResponse> answer = client.runInTerminal(a);
        flush.run();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        try {
            while (true) {
                try {
                    String line = reported.get(100, TimeUnit.MILLISECONDS);
                    if (!line.startsWith("/")) {
                        throw new DapException(ErrorCode.LAUNCH_FAILED, "the client's terminal command runs without a terminal ("
                                + line.strip() + ")");
                    }
                    return line.strip();
                } catch (TimeoutException e) {
                    if (answer.isCompletedExceptionally()) {
                        throw new DapException(ErrorCode.LAUNCH_FAILED, "the client could not run the terminal: " + failure(answer));
                    }
                    if (System.nanoTime() > deadline) {
                        throw new DapException(ErrorCode.LAUNCH_FAILED, "the client's terminal did not start within "
                                + DEADLINE_SECONDS + " s");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DapException(ErrorCode.LAUNCH_FAILED, "interrupted while waiting for the client's terminal");
        } catch (ExecutionException e) {
            throw new DapException(ErrorCode.LAUNCH_FAILED, "cannot read the client's terminal: " + e.getCause().getMessage());
        } finally {
            unblock(report);
        }
    }

    /** Blocks until the command opened the FIFO, then reads the one line it wrote. */
    private String readReport() {
        try {
            return new String(Files.readAllBytes(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String failure(CompletableFuture<?> f) {
        try {
            f.join();
            return "";
        } catch (RuntimeException e) {
            return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
        }
    }

    /** A reader still blocked opening {@code fifo} is let go (a read-write open never blocks). */
    private static void unblock(Path fifo) {
        try (RandomAccessFile f = new RandomAccessFile(fifo.toFile(), "rw")) {
            f.getFD();
        } catch (IOException ignored) {
            // gone already
        }
    }

    private static void mkfifo(Path p) throws IOException {
        try {
            Process mk = new ProcessBuilder("mkfifo", "-m", "600", p.toString()).redirectErrorStream(true).start();
            String out = new String(mk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (mk.waitFor() != 0) throw new IOException("mkfifo " + p + ": " + out.strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Ends the client's command (its terminal is the user's again) and removes the FIFOs. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (tty != null) {
            // Read-write: never blocks; the command's read, waiting on the FIFO, gets the line.
            try (RandomAccessFile f = new RandomAccessFile(release.toFile(), "rw")) {
                f.write('\n');
            } catch (IOException ignored) {
                // the command is gone already (its terminal was closed)
            }
        }
        try {
            Files.deleteIfExists(report);
            Files.deleteIfExists(release);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }
}
