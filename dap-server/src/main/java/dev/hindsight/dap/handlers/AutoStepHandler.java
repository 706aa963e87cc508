package dev.hindsight.dap.handlers;

import dev.hindsight.dap.protocol.ReverseStepArguments;
import dev.hindsight.dap.session.Session;
import dev.hindsight.tracer.Target;

/**
 * {@code hindsight/autoStep {threadId}}: one step of the learner's page's Auto-step. An instruction
 * step, except that with {@code justMyCode} an instruction entering code that is not the program's
 * (a PLT stub, libc, the loader) runs on to the program's own code before it stops, so Auto-step
 * never stops outside the program (issue 14). A stopped event follows, reason {@code step}.
 */
public final class AutoStepHandler extends RequestHandler {
    public AutoStepHandler(Session session) {
        super(session);
    }

    public Void autoStep(ReverseStepArguments args) {
        required(args, "hindsight/autoStep");
        Target t = stepping(args.threadId());
        int tid = t.currentThread();
        session.execution().step(() -> t.execution().stepInstructionInOwnCode(tid));
        return null;
    }
}
