package dev.hindsight.dap.protocol;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/** The standard DAP requests plus Hindsight's own. */
public interface HindsightDebugServer extends IDebugProtocolServer {
    /** Feeds the program's stdin: {@code {"text": "…"}}, or {@code {"eof": true}} to close it. */
    @JsonRequest
    CompletableFuture<Void> writeStdin(WriteStdinArguments args);

    /**
     * The stopped thread's stack, scopes and their variables in one answer; while the program
     * runs (a step just sent ahead of it), answered at its next reported stop. See {@link StopStateResponse}.
     */
    @JsonRequest
    CompletableFuture<StopStateResponse> stopState(StopStateArguments args);
}
