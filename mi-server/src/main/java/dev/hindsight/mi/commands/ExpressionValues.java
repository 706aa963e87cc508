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
 * before the run from the executable file ({@link dev.hindsight.mi.session.ProgramFile});
 * while the program runs, without a frame, from its memory as it runs; stopped, a register the
 * evaluator does not know ({@code $st0}, a vector lane, an assignment to one, {@link RegisterConsole})
 * or the expression in the selected frame. The two commands differ only in how a value is written
 * ({@code shown}).
 */
public final class ExpressionValues {
    private ExpressionValues() {}

    public static String of(MiSession s, String expression, ValueFormat format, Function<Variable, String> shown) {
        String e = expression.strip();
        if (s.target() == null && s.program() != null) {
            // before the run gdb reads the executable: its globals, functions at their link addresses
            try {
                return shown.apply(dev.hindsight.mi.session.ProgramFile.of(s.program()).evaluate(e));
            } catch (RuntimeException ex) {
                throw new MiException(ex.getMessage());
            }
        }
        boolean running = s.running();
        Target t = running ? s.target() : s.stoppedTarget();
        try {
            var written = MemoryCommands.assignedPlaces(s, t, e, running); // gdb's =memory-changed after an assignment
            if (running) {
                String value = shown.apply(t.frames().evaluateWhileRunning(e));
                MemoryCommands.memoryChanged(s, t, written);
                return value;
            }
            boolean hex = format == ValueFormat.HEX;
            Optional<String> register = RegisterConsole.assignAndShow(t, e, hex).or(() -> RegisterConsole.print(t, e, hex));
            if (register.isPresent()) return register.get();
            String value = shown.apply(t.frames().evaluate(e, s.frame()));
            MemoryCommands.memoryChanged(s, t, written);
            return value;
        } catch (RuntimeException ex) {
            throw new MiException(ex.getMessage());
        }
    }
}
