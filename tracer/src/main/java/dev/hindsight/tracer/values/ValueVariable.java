package dev.hindsight.tracer.values;

import dev.hindsight.tracer.values.format.ValuePrinter;
import dev.hindsight.tracer.values.scope.NamedValue;
import dev.hindsight.tracer.values.types.Type;
import dev.hindsight.tracer.values.types.TypeNames;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A {@link Variable} over a {@link Value}. Evaluation results print as gdb's {@code print} does
 * ({@code (int *) 0x…}); variables and children as {@code info locals} shows them.
 */
final class ValueVariable implements Variable {
    private final String name;
    private final Value value;
    private final boolean printStyle;
    private final String expression;
    private Children.Shape shape;

    ValueVariable(String name, Value value, boolean printStyle, String expression) {
        this.name = name;
        this.value = value;
        this.printStyle = printStyle;
        this.expression = expression;
    }

    /** A variable in scope: its name is also how an expression names it. */
    static ValueVariable of(NamedValue nv) {
        return new ValueVariable(nv.name(), nv.value(), false, nv.name());
    }

    @Override
    public java.util.Optional<String> expression() {
        return java.util.Optional.ofNullable(expression);
    }

    Value underlying() {
        return value;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return TypeNames.of(value.type());
    }

    @Override
    public String value(ValueFormat format) {
        ValuePrinter p = new ValuePrinter(format);
        try {
            return printStyle ? p.print(value) : p.plain(value);
        } catch (RuntimeException e) {
            // Damaged debug information or memory must not take the caller down.
            return "<error: " + e.getMessage() + ">";
        }
    }

    @Override
    public OptionalLong address() {
        return value.inMemory() ? OptionalLong.of(value.address()) : OptionalLong.empty();
    }

    private Children.Shape shape() {
        if (shape == null) shape = Children.of(name, expression, value);
        return shape;
    }

    @Override
    public boolean hasChildren() {
        return shape().count() > 0;
    }

    @Override
    public int childCount() {
        return shape().count();
    }

    @Override
    public boolean indexedChildren() {
        return shape().indexed();
    }

    @Override
    public List<Variable> children(int start, int count) {
        List<Variable> out = new ArrayList<>();
        if (start < 0 || count <= 0) return out;
        for (Children.Child c : shape().reader().read(start, count)) {
            out.add(new ValueVariable(c.name(), c.value(), false, c.expression()));
        }
        return out;
    }

    @Override
    public boolean isWritable() {
        Type t = value.type();
        if (!t.isScalar()) return false;
        Place p = value.place();
        return p instanceof Place.Memory || p instanceof Place.Register && value.context().innermost();
    }

    @Override
    public String toString() {
        return name + " = " + value();
    }
}
