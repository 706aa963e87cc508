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

    /**
     * The value {@code function} returned, as the registers it returned in hold it
     * ({@link ReturnConvention}: x86-64's {@link ReturnClasses}, {@link Aapcs64Returns}), typed as the function's declaration says and named after it;
     * empty for a {@code void} function, one without debug information, or a memory-class
     * value whose memory cannot be read.
     */
    public java.util.Optional<Variable> returned(String function, Frame frame, ReturnConvention registers) {
        Value f;
        try {
            f = new ExpressionEvaluator(FrameScope.of(program, frame)).evaluate(function);
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
        dev.hindsight.tracer.values.types.Type fn = f.type().strip();
        if (!fn.is(dev.hindsight.tracer.values.types.Type.Kind.FUNCTION) || fn.target() == null) return java.util.Optional.empty();
        dev.hindsight.tracer.values.types.Type type = fn.target();
        return registers.gather(type, program::read)
                .map(bytes -> new ValueVariable(function, Value.ofBytes(type, bytes, f.context()), true, null));
    }

    /** How the function's return type is returned ({@link ReturnClasses#of}); empty without its type. */
    public java.util.Optional<List<ReturnClasses.Kind>> returnClasses(String function, Frame frame) {
        try {
            dev.hindsight.tracer.values.types.Type fn = new ExpressionEvaluator(FrameScope.of(program, frame)).evaluate(function).type().strip();
            if (!fn.is(dev.hindsight.tracer.values.types.Type.Kind.FUNCTION) || fn.target() == null) return java.util.Optional.empty();
            return java.util.Optional.of(ReturnClasses.of(fn.target()));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static List<Variable> wrap(List<NamedValue> values) {
        return values.stream().<Variable>map(ValueVariable::of).toList();
    }
}
