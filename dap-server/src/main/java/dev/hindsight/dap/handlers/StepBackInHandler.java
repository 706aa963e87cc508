package dev.hindsight.dap.handlers;

import dev.hindsight.dap.protocol.ReverseStepArguments;
import dev.hindsight.dap.session.Session;
import dev.hindsight.tracer.travel.TimeTravel;

/**
 * {@code hindsight/stepBackIn}: back into calls, as gdb's {@code reverse-stepi} (granularity
 * instruction) or {@code reverse-step} (line, statement: a call's last line is entered).
 */
public final class StepBackInHandler extends RequestHandler {
    public StepBackInHandler(Session session) {
        super(session);
    }

    public Void stepBackIn(ReverseStepArguments args) {
        required(args, "hindsight/stepBackIn");
        TimeTravel travel = travel("hindsight/stepBackIn");
        stepping(args.threadId());
        String g = args.granularity();
        check(g == null || g.equals("instruction") || g.equals("line") || g.equals("statement"),
                "granularity must be 'instruction', 'line' or 'statement', not '" + g + "'");
        session.execution().step("instruction".equals(g) ? travel::stepBackInstruction : travel::stepBackIntoLine);
        return null;
    }
}
