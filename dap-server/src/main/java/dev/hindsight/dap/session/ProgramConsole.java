package dev.hindsight.dap.session;

import dev.hindsight.dap.DapSessionOptions;
import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.TargetEvent;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.eclipse.lsp4j.debug.RunInTerminalRequestArgumentsKind;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;

/**
 * Where a launched program's stdin, stdout and stderr go, from the launch's {@code console}:
 * {@code internalConsole} (the default): output events and {@code writeStdin}, on pipes, or on a
 * pseudo-terminal of the server's when the session options ask for one (the web page);
 * {@code integratedTerminal} / {@code externalTerminal}: a terminal of the client's, obtained
 * with the reverse request {@code runInTerminal} (see {@link ClientTerminal}), which the program
 * then has as its stdio, as under CodeLLDB or cppdbg. A client that cannot run terminals gets
 * the debug console, and an output event saying so.
 */
final class ProgramConsole implements AutoCloseable {
    static final int ROWS = 24, COLUMNS = 80;
    private final DapSessionOptions options;
    private final IDebugProtocolClient client;
    private final Consumer<String> notice;
    private final Runnable flush;
    private boolean clientRunsTerminals;
    private ClientTerminal terminal;

    /** @param flush sends what is held for the client (the runInTerminal request, while launch waits) */
    ProgramConsole(DapSessionOptions options, IDebugProtocolClient client, Consumer<String> notice, Runnable flush) {
        this.options = options;
        this.client = client;
        this.notice = notice;
        this.flush = flush;
    }

    /** From {@code initialize}'s {@code supportsRunInTerminalRequest}. */
    void clientRunsTerminals(boolean yes) {
        clientRunsTerminals = yes;
    }

    /** {@code spec} with the program's stdio where {@code console} puts them (may wait for the client's terminal). */
    LaunchSpec apply(LaunchSpec spec, String console, Path cwd) {
        close();
        String kind = console == null ? "internalConsole" : console;
        switch (kind) {
            case "internalConsole" -> {
                return internal(spec);
            }
            case "integratedTerminal", "externalTerminal" -> {
                if (!clientRunsTerminals) {
                    notice.accept("hindsight: this client cannot run a terminal (no supportsRunInTerminalRequest): "
                            + "the program's input and output are in the debug console\n");
                    return internal(spec);
                }
                if (!options.allowProgramPaths()) {
                    // The client's terminal is on the client's machine; this server is not.
                    throw new DapException(ErrorCode.NOT_ALLOWED, "this server does not accept 'console': '" + kind + "'");
                }
                terminal = ClientTerminal.open(client, kind.equals("integratedTerminal")
                        ? RunInTerminalRequestArgumentsKind.INTEGRATED : RunInTerminalRequestArgumentsKind.EXTERNAL,
                        spec.program().getFileName().toString(), cwd, flush);
                return spec.withTerminal(LaunchSpec.Terminal.device(terminal.tty()));
            }
            default -> throw new DapException(ErrorCode.INVALID_ARGUMENTS,
                    "console must be 'internalConsole', 'integratedTerminal' or 'externalTerminal', not '" + kind + "'");
        }
    }

    private LaunchSpec internal(LaunchSpec spec) {
        return options.programTerminal() ? spec.withTerminal(LaunchSpec.Terminal.pseudo(ROWS, COLUMNS)) : spec;
    }

    /** Gives the client's terminal back once {@code target} has ended. */
    void watch(Target target) {
        ClientTerminal t = terminal;
        if (t == null) return;
        target.addListener(e -> {
            if (e instanceof TargetEvent.Exited) t.close();
        });
    }

    /** Gives the client's terminal back (its command ends). */
    @Override
    public void close() {
        if (terminal != null) terminal.close();
        terminal = null;
    }
}
