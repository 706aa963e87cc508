package dev.hindsight.dap.handlers;

import dev.hindsight.dap.session.Session;
import dev.hindsight.tracer.travel.TimeTravel;
import org.eclipse.lsp4j.debug.GotoArguments;

/** goto on a recording: to the time of a target gotoTargets gave; stopped with reason {@code goto}. */
public final class GotoHandler extends RequestHandler {
    public GotoHandler(Session session) {
        super(session);
    }

    public Void goto_(GotoArguments args) {
        required(args, "goto");
        TimeTravel travel = travel("goto");
        stepping(args.getThreadId());
        long time = session.handles().get(args.getTargetId(), GotoTargetsHandler.Moment.class, "targetId").time();
        session.execution().goTo(travel, time);
        return null;
    }
}
