package dev.hindsight.trace;

import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.source.SourcePoint;
import dev.hindsight.tracer.values.EvaluationException;
import dev.hindsight.tracer.values.Variable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code hindsight trace --lines}: from main after its prologue, steps over source lines (gdb's
 * {@code next}) and prints each stop's function, file, line and the locals in scope.
 */
final class LineTrace {
    private LineTrace() {}

    /** Returns the last stop (or exit) for the caller to report. */
    static StopEvent run(Target target, TraceOptions options, PrintStream out) {
        StopEvent last = target.execution().runToMain().join();
        LineStopPrinter printer = new LineStopPrinter(out, options.json());
        long printed = 0;
        while (last instanceof StopEvent.Stopped stopped) {
            Optional<SourcePoint> where = target.symbols().sourceAt(stopped.pc());
            if (where.isEmpty()) {
                // Left the program's own code (main returned into libc): let it finish.
                return target.execution().resume().join();
            }
            printer.print(where.get(), locals(target));
            if (printed++ >= options.steps()) return last;
            last = target.execution().stepLine().join();
        }
        return last;
    }

    /** Locals in scope, innermost first, then the parameters; a shadowed name shows its innermost value. */
    private static Map<String, String> locals(Target target) {
        Map<String, String> out = new LinkedHashMap<>();
        Frame frame = target.frames().backtrace(target.currentThread(), 1).get(0);
        List<Variable> all = new ArrayList<>(target.frames().locals(frame));
        all.addAll(target.frames().arguments(frame));
        for (Variable v : all) {
            if (out.containsKey(v.name())) continue;
            String value;
            try {
                value = v.value();
            } catch (EvaluationException e) {
                value = "<error: " + e.getMessage() + ">";
            }
            out.put(v.name(), value);
        }
        return out;
    }
}
