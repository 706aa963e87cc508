package dev.hindsight.dap.handlers;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.dap.session.Session;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import dev.hindsight.dap.protocol.RestartRequest;
import dev.hindsight.dap.protocol.WriteStdinArguments;
import dev.hindsight.dap.session.LaunchArguments;
import java.util.Map;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.ExceptionBreakMode;
import org.eclipse.lsp4j.debug.ExceptionDetails;
import org.eclipse.lsp4j.debug.ExceptionInfoArguments;
import org.eclipse.lsp4j.debug.ExceptionInfoResponse;
import org.eclipse.lsp4j.debug.RestartArguments;
import org.eclipse.lsp4j.debug.TerminateArguments;

/** terminate, disconnect, restart, exceptionInfo and the custom writeStdin. */
public final class LifecycleHandlers extends RequestHandler {
    private java.util.concurrent.ExecutorService stdinWriter;

    public LifecycleHandlers(Session session) {
        super(session);
    }

    private java.util.concurrent.ExecutorService stdinWriter() {
        if (stdinWriter == null) {
            stdinWriter = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "dap-stdin");
                t.setDaemon(true);
                return t;
            });
        }
        return stdinWriter;
    }

    /** Stops the stdin writer thread (its pending writes fail once the program is gone). */
    public void close() {
        if (stdinWriter != null) stdinWriter.shutdownNow();
    }

    public Void terminate(TerminateArguments args) {
        session.terminate();
        return null;
    }

    public Void disconnect(DisconnectArguments args) {
        session.disconnect(args == null ? null : args.getTerminateDebuggee());
        return null;
    }

    /** With a launch configuration in its arguments (DAP 1.47+), the program starts again with that one. */
    public Void restart(RestartArguments args) {
        Map<String, Object> config = args instanceof RestartRequest r ? r.configuration() : null;
        session.restart(config == null ? null : LaunchHandlers.parse(config, LaunchArguments.class, "restart"));
        return null;
    }

    public ExceptionInfoResponse exceptionInfo(ExceptionInfoArguments args) {
        Target t = session.stoppedTarget();
        if (!(t.lastStop() instanceof StopEvent.Stopped s) || s.signal() == null) {
            throw new DapException(ErrorCode.NOT_AVAILABLE, "the program did not stop for a signal");
        }
        ExceptionInfoResponse r = new ExceptionInfoResponse();
        r.setExceptionId(s.signal().name());
        String description = s.signal().description();
        if (s.faultAddress().isPresent()) description += String.format(" at address 0x%x", s.faultAddress().getAsLong());
        r.setDescription(description);
        r.setBreakMode(ExceptionBreakMode.ALWAYS);
        ExceptionDetails d = new ExceptionDetails();
        d.setTypeName(s.signal().name());
        d.setMessage(description + String.format(" (pc 0x%x)", s.pc()));
        r.setDetails(d);
        return r;
    }

    public Void writeStdin(WriteStdinArguments args) {
        required(args, "writeStdin");
        check(args.getText() != null || Boolean.TRUE.equals(args.getEof()), "writeStdin needs 'text' or 'eof'");
        boolean onTerminal = session.programOnTerminal();
        OutputStream in = session.programStdin();
        if (in == null) throw new DapException(ErrorCode.NOT_AVAILABLE, "the program's stdin is not connected to the debugger");
        byte[] text = args.getText() == null ? new byte[0] : args.getText().getBytes(StandardCharsets.UTF_8);
        boolean eof = Boolean.TRUE.equals(args.getEof());
        // A program that does not read would block a write into a full pipe: never on the session thread.
        stdinWriter().execute(() -> {
            try {
                in.write(text);
                in.flush();
                // On a terminal, end of input is typed: ^D (at the start of a line), and input may follow.
                if (eof && onTerminal) in.write(dev.hindsight.tracer.ProgramTerminal.EOF);
                else if (eof) in.close();
            } catch (IOException e) {
                session.post(() -> session.events().console("cannot write to the program's stdin: " + e.getMessage() + "\n"));
            }
        });
        return null;
    }
}
