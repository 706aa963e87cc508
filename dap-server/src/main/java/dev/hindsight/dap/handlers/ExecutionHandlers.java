package dev.hindsight.dap.handlers;

import dev.hindsight.dap.session.Session;
import dev.hindsight.tracer.Target;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.SteppingGranularity;

/**
 * continue, next, stepIn, stepOut and pause. Each answers at once; the stop arrives later as a
 * stopped event. Granularity {@code instruction} steps machine instructions ({@code next} steps
 * over calls), {@code statement} and {@code line} step source lines as gdb's next/step do.
 */
public final class ExecutionHandlers extends RequestHandler {
    public ExecutionHandlers(Session session) {
        super(session);
    }

    public ContinueResponse continue_(ContinueArguments args) {
        Target t = session.stoppedTarget();
        if (args != null && args.getThreadId() != 0) t.selectThread(thread(t, args.getThreadId()));
        session.execution().continueProgram();
        ContinueResponse r = new ContinueResponse();
        r.setAllThreadsContinued(true);
        return r;
    }

    public Void next(NextArguments args) {
        Target t = stepping(required(args, "next").getThreadId());
        if (args.getGranularity() == SteppingGranularity.INSTRUCTION) session.execution().step(t.execution()::stepOverInstruction);
        else session.execution().step(t.execution()::stepLine);
        return null;
    }

    public Void stepIn(StepInArguments args) {
        Target t = stepping(required(args, "stepIn").getThreadId());
        if (args.getGranularity() == SteppingGranularity.INSTRUCTION) session.execution().step(t.execution()::stepInstruction);
        else session.execution().step(t.execution()::stepIntoLine);
        return null;
    }

    public Void stepOut(StepOutArguments args) {
        Target t = stepping(required(args, "stepOut").getThreadId());
        session.execution().step(t.execution()::stepOut);
        return null;
    }

    public Void pause(PauseArguments args) {
        session.execution().pause();
        return null;
    }
}
