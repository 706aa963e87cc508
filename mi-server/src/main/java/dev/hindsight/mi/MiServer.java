package dev.hindsight.mi;

import dev.hindsight.mi.cli.ConsoleCommands;
import dev.hindsight.mi.commands.CommandTable;
import dev.hindsight.mi.commands.MiHandler;
import dev.hindsight.mi.commands.MiResult;
import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiOutput;
import dev.hindsight.mi.protocol.MiParser;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.tracer.Target;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The MI loop: reads a line, runs it on the session's thread, writes its result record and the
 * prompt. Errors of any kind become {@code ^error}, never the end of the session. In sync mode
 * (mi-async off, gdb's default) the next line is read only once a resumption has stopped, as gdb does.
 */
public final class MiServer {
    private final MiSession session;
    private final MiOutput out;
    private final AtomicBoolean exit = new AtomicBoolean();
    private final boolean console;

    public MiServer(OutputStream stdout, boolean plainConsole) {
        this.console = plainConsole;
        this.out = new MiOutput(stdout, plainConsole);
        this.session = new MiSession(out);
    }

    public MiSession session() {
        return session;
    }

    /** Runs a line on the session thread and waits for it (and, in sync mode, for the stop it caused). */
    public void submit(String line) {
        try {
            session.post(() -> dispatch(line)).get();
            if (!session.settings().async() && !exit.get()) session.stoppedFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            out.log("internal error: " + e.getCause() + "\n");
        }
    }

    /** What gdb says at start, before the first prompt. */
    public void greet() {
        out.notify("thread-group-added", MiTuple.of().add("id", "i1"));
        if (session.program() != null) out.console("Reading symbols from " + session.program() + "...\n");
    }

    /**
     * gdb's {@code PROGRAM CORE}: the dump is loaded before the first prompt; the plain console
     * also shows the frame it died in (gdb's MI does not), a file that is no core dump is a warning.
     */
    public void loadCore(java.nio.file.Path core) {
        try {
            session.post(() -> {
                try {
                    dev.hindsight.mi.session.CoreFiles.load(session, core, console);
                } catch (RuntimeException e) {
                    out.log(e.getMessage() + "\n");
                }
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            out.log("internal error: " + e.getCause() + "\n");
        }
    }

    /** A command from gdb's command line ({@code -ex}): a console command, output without a result record. */
    public void startupCommand(String line) {
        try {
            session.post(() -> {
                try {
                    MiResult r = ConsoleCommands.execute(session, line);
                    if (r.resultClass().equals("running")) out.exec("running", MiTuple.of().add("thread-id", "all"));
                    if (r.resultClass().equals("exit")) exit.set(true);
                } catch (RuntimeException e) {
                    out.log(e.getMessage() + "\n");
                }
            }).get();
            session.stoppedFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            out.log("internal error: " + e.getCause() + "\n");
        }
    }

    /** Reads commands until {@code -gdb-exit} or end of input. */
    public void serve(InputStream in) throws IOException {
        out.prompt();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while (!exit.get() && (line = reader.readLine()) != null) submit(line);
        close();
    }

    public boolean exited() {
        return exit.get();
    }

    public void close() {
        try {
            session.post(session::close).get();
        } catch (Exception e) {
            // closing anyway
        }
    }

    private void dispatch(String line) {
        String token = MiParser.token(line);
        try {
            MiCommand c = MiParser.parse(line);
            token = c.token();
            MiResult r;
            if (c.cli()) {
                if (c.line().isEmpty()) {
                    out.prompt();
                    return;
                }
                out.log(c.line() + "\n");
                r = console(c.line());
            } else {
                MiHandler h = CommandTable.get(c.operation())
                        .orElseThrow(() -> new MiException("Undefined MI command: " + c.operation(), "undefined-command"));
                r = withSelection(c, h);
            }
            answer(token, r);
        } catch (MiException e) {
            out.error(token, e);
            out.prompt();
        } catch (RuntimeException e) {
            out.error(token, new MiException(e.getMessage() == null ? e.toString() : e.getMessage()));
            out.prompt();
        }
    }

    /** A console line: errors also go to the log stream, as gdb writes them. */
    private MiResult console(String line) {
        try {
            return ConsoleCommands.execute(session, line);
        } catch (MiException e) {
            out.log(e.getMessage() + "\n");
            throw e;
        }
    }

    /** {@code --thread N --frame M} select for this command only. */
    private MiResult withSelection(MiCommand c, MiHandler h) {
        Target t = session.target();
        if ((c.thread().isEmpty() && c.frame().isEmpty()) || t == null || t.state() != Target.State.STOPPED) {
            return h.handle(session, c);
        }
        int tid = t.currentThread();
        int level = session.selectedFrameLevel();
        try {
            // --thread of the selected thread keeps the selected frame (Emacs sends it after `up`)
            if (c.thread().isPresent() && c.thread().getAsInt() != session.threadNumber(tid)) session.selectThread(c.thread().getAsInt());
            if (c.frame().isPresent()) session.selectFrame(c.frame().getAsInt());
            return h.handle(session, c);
        } finally {
            if (session.target() == t && t.state() == Target.State.STOPPED) {
                t.selectThread(tid);
                try {
                    session.selectFrame(level);
                } catch (MiException e) {
                    // the frame is gone: frame 0 stays selected
                }
            }
        }
    }

    private void answer(String token, MiResult r) {
        out.result(token, r.resultClass(), r.results());
        switch (r.resultClass()) {
            case "running" -> {
                out.exec("running", MiTuple.of().add("thread-id", "all"));
                // the console prompts once the program stops, MI at once
                if (!out.plainConsole()) out.prompt();
            }
            case "exit" -> {
                exit.set(true);
                session.quit();
            }
            default -> {
                if (!r.stopFollows() || session.settings().async()) out.prompt();
            }
        }
    }
}
