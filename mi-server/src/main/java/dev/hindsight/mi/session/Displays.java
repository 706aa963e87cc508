package dev.hindsight.mi.session;

import dev.hindsight.mi.commands.ExpressionValues;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.values.ValueFormat;
import dev.hindsight.tracer.values.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's {@code display} expressions, shown as gdb shows them ({@code 1: a = 0},
 * {@code 2: /x b = 0x1}) when made and at every stop. As gdb ties a display that uses a
 * function's locals or arguments to that function, it is shown only at stops in it.
 */
public final class Displays {
    /** One display: its number, {@code /x} or empty, the expression and the function it belongs to (null: anywhere). */
    public record Display(int number, String format, String expression, String function) {
        public String described() {
            return (format.isEmpty() ? "" : format + " ") + expression;
        }
    }

    private final List<Display> all = new ArrayList<>();
    private int next = 1;

    public Display add(MiSession s, String format, String expression) {
        if (s.target() == null) {
            // before the run there are no locals: the expression is the executable's globals (ProgramFile)
            Display d = new Display(next++, format, expression, null);
            all.add(d);
            return d;
        }
        Frame f = s.frame();
        List<String> names = new ArrayList<>();
        for (Variable v : s.stoppedTarget().frames().locals(f)) names.add(v.name());
        for (Variable v : s.stoppedTarget().frames().arguments(f)) names.add(v.name());
        boolean local = names.stream().anyMatch(n -> expression.matches(".*\\b" + java.util.regex.Pattern.quote(n) + "\\b.*"));
        Display d = new Display(next++, format, expression, local ? f.displayName() : null);
        all.add(d);
        return d;
    }

    public boolean remove(int number) {
        return all.removeIf(d -> d.number() == number);
    }

    public List<Display> all() {
        return List.copyOf(all);
    }

    /** Whether the display can be shown at the selected frame. */
    public static boolean inScope(MiSession s, Display d) {
        return d.function() == null || d.function().equals(s.frame().displayName());
    }

    /** {@code 1: a = 0\n}, or nothing when it is out of its function. */
    public static String text(MiSession s, Display d) {
        if (!inScope(s, d)) return "";
        ValueFormat format = d.format().equals("/x") ? ValueFormat.HEX : ValueFormat.NATURAL;
        String value = ExpressionValues.of(s, d.expression(), format, v -> v.value(format));
        return d.number() + ": " + d.described() + " = " + value + "\n";
    }

    /** What gdb shows at a stop: each display in scope. */
    public String atStop(MiSession s) {
        StringBuilder b = new StringBuilder();
        for (Display d : all) {
            try {
                b.append(text(s, d));
            } catch (RuntimeException e) {
                // a display that cannot be evaluated here is left out of this stop
            }
        }
        return b.toString();
    }
}
