package dev.hindsight.dap.protocol;

import java.util.Map;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;

/** DAP's client events plus Hindsight's own (clients that do not know them ignore them, as DAP says). */
public interface HindsightDebugClient extends IDebugProtocolClient {
    /**
     * The running program is (or is no longer) blocked reading its terminal: body {@code {waiting: boolean}}.
     * Sent for a launched live program (not a replay, not an attached process).
     */
    @JsonNotification("hindsight/waitingForInput")
    default void waitingForInput(Map<String, Object> body) { }
}
