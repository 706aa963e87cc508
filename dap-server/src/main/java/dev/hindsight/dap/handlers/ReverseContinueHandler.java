package dev.hindsight.dap.handlers;

import dev.hindsight.dap.session.Session;
import dev.hindsight.tracer.travel.TimeTravel;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;

/**
 * DAP's reverseContinue on a recording: back to the previous hit of any breakpoint (conditions,
 * hit counts and log points decide as for continue), or to the start of the run.
 */
public final class ReverseContinueHandler extends RequestHandler {
    public ReverseContinueHandler(Session session) {
        super(session);
    }

    public Void reverseContinue(ReverseContinueArguments args) {
        required(args, "reverseContinue");
        TimeTravel travel = travel("reverseContinue");
        stepping(args.getThreadId());
        session.execution().reverseContinue(travel);
        return null;
    }
}
