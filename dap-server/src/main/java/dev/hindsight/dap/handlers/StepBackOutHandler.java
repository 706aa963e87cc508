package dev.hindsight.dap.handlers;

import dev.hindsight.dap.protocol.ReverseStepArguments;
import dev.hindsight.dap.session.Session;
import dev.hindsight.tracer.travel.TimeTravel;

/** {@code hindsight/stepBackOut}: back to the call instruction that entered the current function (gdb's {@code reverse-finish}). */
public final class StepBackOutHandler extends RequestHandler {
    public StepBackOutHandler(Session session) {
        super(session);
    }

    public Void stepBackOut(ReverseStepArguments args) {
        required(args, "hindsight/stepBackOut");
        TimeTravel travel = travel("hindsight/stepBackOut");
        stepping(args.threadId());
        session.execution().step(travel::stepBackOut);
        return null;
    }
}
