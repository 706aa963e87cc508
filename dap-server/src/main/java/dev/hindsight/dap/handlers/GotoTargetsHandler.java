package dev.hindsight.dap.handlers;

import dev.hindsight.dap.session.Session;
import dev.hindsight.index.IndexReader;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.travel.TimeTravel;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.GotoTarget;
import org.eclipse.lsp4j.debug.GotoTargetsArguments;
import org.eclipse.lsp4j.debug.GotoTargetsResponse;

/**
 * gotoTargets on a recording: the executions of a line nearest the current time (up to
 * {@value #MAX} before and after it), each a target {@code goto} jumps to.
 */
public final class GotoTargetsHandler extends RequestHandler {
    static final int MAX = 50;

    /** A goto target's id stands for its time until the program moves. */
    record Moment(long time) { }

    public GotoTargetsHandler(Session session) {
        super(session);
    }

    public GotoTargetsResponse gotoTargets(GotoTargetsArguments args) {
        required(args, "gotoTargets");
        TimeTravel travel = travel("gotoTargets");
        Target t = session.stoppedTarget();
        String file = BreakpointHandlers.path(args.getSource());
        int line = session.positions().lineIn(args.getLine());
        IndexReader index = session.requireRecording("gotoTargets").index();
        long[] pcs = CodeExecutions.addresses(CodeExecutions.line(t, file, line));
        // Counts and one page from the posting lists' skip blocks, not every execution of the line.
        long total = index.executionCount(pcs), next = index.executionsBefore(pcs, travel.now());
        long from = Math.max(0, Math.min(next - MAX / 2, total - MAX));
        long[] times = index.executionPage(pcs, from, MAX);
        List<GotoTarget> targets = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            GotoTarget g = new GotoTarget();
            g.setId(session.handles().add(new Moment(times[i])));
            g.setLine(args.getLine());
            g.setLabel(String.format("line %d — execution %,d of %,d, time %,d", line, from + i + 1, total, times[i]));
            targets.add(g);
        }
        GotoTargetsResponse r = new GotoTargetsResponse();
        r.setTargets(targets.toArray(GotoTarget[]::new));
        return r;
    }
}
