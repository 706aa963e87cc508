package dev.hindsight.dap.handlers;

import dev.hindsight.dap.session.Session;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsResponse;

/**
 * {@code setExceptionBreakpoints}: which signals stop the program (the filters {@code initialize}
 * offers); a signal whose filter is off is passed to the program without a stop.
 */
public final class ExceptionBreakpointsHandler extends RequestHandler {
    public ExceptionBreakpointsHandler(Session session) {
        super(session);
    }

    public SetExceptionBreakpointsResponse setExceptionBreakpoints(SetExceptionBreakpointsArguments args) {
        required(args, "setExceptionBreakpoints");
        session.signalFilters().enable(field(args.getFilters(), "filters"));
        return new SetExceptionBreakpointsResponse();
    }
}
