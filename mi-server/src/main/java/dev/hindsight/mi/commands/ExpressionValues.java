package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.values.ValueFormat;
import dev.hindsight.tracer.values.Variable;
import java.util.Optional;
import java.util.function.Function;

/**
 * An expression's value as gdb finds it, for both {@code print} and {@code -data-evaluate-expression}:
 * while the program runs, without a frame, from its memory as it runs; stopped, a register the
 * evaluator does not know ({@code $st0}, a vector lane, an assignment to one, {@link RegisterConsole})
 * or the expression in the selected frame. The two commands differ only in how a value is written
 * ({@code shown}).
 */
public final class ExpressionValues {
    private ExpressionValues() {}

    public static String of(MiSession s, String expression, ValueFormat format, Function<Variable, String> shown) {
        String e = expression.strip();
        boolean running = s.running();
        Target t = running ? s.target() : s.stoppedTarget();
        try {
            if (running) return shown.apply(t.frames().evaluateWhileRunning(e));
            boolean hex = format == ValueFormat.HEX;
            Optional<String> register = RegisterConsole.assignAndShow(t, e, hex).or(() -> RegisterConsole.print(t, e, hex));
            return register.isPresent() ? register.get() : shown.apply(t.frames().evaluate(e, s.frame()));
        } catch (RuntimeException ex) {
            throw new MiException(ex.getMessage());
        }
    }
}
