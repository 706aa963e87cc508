package dev.hindsight.dap.handlers;

import dev.hindsight.dap.session.ClientFeatures;
import dev.hindsight.dap.session.Session;
import dev.hindsight.dap.session.SignalFilters;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;

/** {@code initialize}: what the adapter can do; the initialized event follows the response. */
public final class InitializeHandler extends RequestHandler {
    private boolean initializedSent;

    public InitializeHandler(Session session) {
        super(session);
    }

    public Capabilities initialize(InitializeRequestArguments args) {
        session.clientRunsTerminals(args != null && Boolean.TRUE.equals(args.getSupportsRunInTerminalRequest()));
        session.clientInitialized(ClientFeatures.of(args));
        if (!initializedSent) {
            initializedSent = true;
            session.afterResponse(() -> session.client().initialized());
        }
        return capabilities();
    }

    static Capabilities capabilities() {
        Capabilities c = new Capabilities();
        c.setSupportsConfigurationDoneRequest(true);
        c.setSupportsFunctionBreakpoints(true);
        c.setSupportsConditionalBreakpoints(true);
        c.setSupportsHitConditionalBreakpoints(true);
        c.setSupportsLogPoints(true);
        c.setSupportsInstructionBreakpoints(true);
        c.setSupportsDataBreakpoints(true);
        c.setSupportsDataBreakpointBytes(true);
        c.setSupportsBreakpointLocationsRequest(true);
        c.setSupportsEvaluateForHovers(true);
        c.setSupportsSetVariable(true);
        c.setSupportsSetExpression(true);
        c.setSupportsValueFormattingOptions(true);
        c.setSupportsSteppingGranularity(true);
        c.setSupportsDisassembleRequest(true);
        c.setSupportsReadMemoryRequest(true);
        c.setSupportsWriteMemoryRequest(true);
        c.setSupportsExceptionInfoRequest(true);
        c.setSupportsLoadedSourcesRequest(true);
        c.setSupportsModulesRequest(true);
        c.setSupportsTerminateRequest(true);
        c.setSupportTerminateDebuggee(true);
        c.setSupportsRestartRequest(true);
        c.setSupportsCancelRequest(true);
        c.setSupportsClipboardContext(true);
        c.setSupportsDelayedStackTraceLoading(true);
        c.setExceptionBreakpointFilters(SignalFilters.filters());
        return c;
    }
}
