package dev.hindsight.dap.handlers;

import dev.hindsight.dap.protocol.ExecutionsArguments;
import dev.hindsight.dap.protocol.ExecutionsResponse;
import dev.hindsight.dap.session.Recording;
import dev.hindsight.dap.session.Session;
import dev.hindsight.dap.variables.Evaluation;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.stack.Frame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code hindsight/executions}: every time a line (its statement addresses), a function (its
 * entry) or an address ran, in time order and paged, each with expressions evaluated in the
 * innermost frame as at that moment, without moving the program ("print i and sum every time
 * line 12 ran").
 */
public final class ExecutionsHandler extends RequestHandler {
    static final int DEFAULT_COUNT = 100, MAX_COUNT = 1000;

    public ExecutionsHandler(Session session) {
        super(session);
    }

    public ExecutionsResponse executions(ExecutionsArguments args) {
        required(args, "hindsight/executions");
        Recording r = session.requireRecording("hindsight/executions");
        Target t = session.stoppedTarget();
        int start = args.start() == null ? 0 : args.start(), count = args.count() == null ? DEFAULT_COUNT : args.count();
        check(start >= 0, "start must not be negative");
        check(count >= 0 && count <= MAX_COUNT, "count must be 0 to " + MAX_COUNT);
        List<String> expressions = args.expressions() == null ? List.of() : args.expressions();
        check(expressions.stream().allMatch(e -> e != null && !e.isBlank()), "expressions must not be empty");
        long[] pcs = CodeExecutions.addresses(code(t, args));
        // The total and the page from the posting lists' skip blocks: a page costs the same for a line that ran a million times.
        long total = r.index().executionCount(pcs);
        List<ExecutionsResponse.Execution> page = new ArrayList<>();
        for (long time : r.index().executionPage(pcs, start, count)) {
            page.add(new ExecutionsResponse.Execution(time, r.travel().at(time, () -> values(t, expressions))));
        }
        return new ExecutionsResponse(total, page);
    }

    /** The code named by exactly one of source+line, function and address. */
    private List<Long> code(Target t, ExecutionsArguments args) {
        int given = (args.source() != null || args.line() != null ? 1 : 0) + (args.function() != null ? 1 : 0) + (args.address() != null ? 1 : 0);
        check(given == 1, "name exactly one of: source and line, function, address");
        if (args.function() != null) return List.of(CodeExecutions.function(t, args.function()));
        if (args.address() != null) return List.of(address(args.address(), 0));
        return CodeExecutions.line(t, BreakpointHandlers.path(args.source()), session.positions().lineIn(field(args.line(), "line")));
    }

    /** Each expression's value in the innermost frame now, or why it has none. */
    private static Map<String, String> values(Target t, List<String> expressions) {
        Map<String, String> out = new LinkedHashMap<>();
        if (expressions.isEmpty()) return out;
        List<Frame> frames = t.frames().backtrace(t.currentThread(), 1);
        for (String e : expressions) {
            try {
                if (frames.isEmpty()) throw new IllegalStateException("no frame");
                out.put(e, Evaluation.evaluate(t, e, frames.get(0)).value());
            } catch (RuntimeException x) {
                out.put(e, "<error: " + x.getMessage() + ">");
            }
        }
        return out;
    }
}
