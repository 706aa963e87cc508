package dev.hindsight.tracer.values;

import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.values.expr.ExpressionEvaluator;
import dev.hindsight.tracer.values.scope.FrameScope;
import dev.hindsight.tracer.values.scope.NamedValue;
import java.util.List;

/** The values engine behind {@code Target}'s locals, arguments, globals, evaluate and assign. */
public final class Values {
    private final ProgramAccess program;

    public Values(ProgramAccess program) {
        this.program = program;
    }

    public List<Variable> locals(Frame frame) {
        return wrap(FrameScope.of(program, frame).locals());
    }

    public List<Variable> arguments(Frame frame) {
        return wrap(FrameScope.of(program, frame).arguments());
    }

    public List<Variable> globals(Frame frame) {
        return wrap(FrameScope.of(program, frame).globals());
    }

    public Variable evaluate(String expression, Frame frame) {
        Value v = new ExpressionEvaluator(FrameScope.of(program, frame)).evaluate(expression);
        // Like gdb's print, a result whose memory cannot be read is an error, not a value.
        if (v.inMemory() && v.type().size() > 0 && v.type().size() <= 1 << 16
                && !v.type().is(dev.hindsight.tracer.values.types.Type.Kind.FUNCTION)) {
            v.bytes();
        }
        return new ValueVariable(expression, v, true, expression);
    }

    /** Writes the expression's value, converted to the variable's type, and returns the variable read back. */
    public Variable assign(Variable variable, String expression, Frame frame) {
        if (!(variable instanceof ValueVariable target)) throw new EvaluationException("not a variable of this program");
        if (!variable.isWritable()) {
            throw new EvaluationException("Cannot assign to " + variable.name() + " of type " + variable.type() + ".");
        }
        Value source = new ExpressionEvaluator(FrameScope.of(program, frame)).evaluate(expression);
        Assignment.write(target.underlying(), source);
        return new ValueVariable(variable.name(), target.underlying(), false, variable.expression().orElse(null));
    }

    private static List<Variable> wrap(List<NamedValue> values) {
        return values.stream().<Variable>map(ValueVariable::of).toList();
    }
}
