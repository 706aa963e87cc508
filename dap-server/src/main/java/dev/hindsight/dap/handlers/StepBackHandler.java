package dev.hindsight.dap.handlers;

import dev.hindsight.dap.session.Session;
import dev.hindsight.tracer.travel.TimeTravel;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;

/**
 * DAP's stepBack on a recording: back over calls, as gdb's {@code reverse-nexti} (granularity
 * instruction) or {@code reverse-next} (line, statement).
 */
public final class StepBackHandler extends RequestHandler {
    public StepBackHandler(Session session) {
        super(session);
    }

    public Void stepBack(StepBackArguments args) {
        required(args, "stepBack");
        TimeTravel travel = travel("stepBack");
        stepping(args.getThreadId());
        session.execution().step(args.getGranularity() == SteppingGranularity.INSTRUCTION
                ? travel::stepBackOverInstruction : travel::stepBackLine);
        return null;
    }
}
