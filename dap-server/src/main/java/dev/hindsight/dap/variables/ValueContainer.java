package dev.hindsight.dap.variables;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.dap.session.Handles;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.lsp4j.debug.Variable;

/**
 * Program values: a scope's variables (locals, arguments, globals) or the children of one value,
 * with writes through {@link Target#assign}.
 */
public final class ValueContainer implements Container {
    private final Target target;
    private final Frame frame;
    private final String parentExpression;
    private final dev.hindsight.tracer.values.Variable parent;
    private final Supplier<List<dev.hindsight.tracer.values.Variable>> scope;

    private ValueContainer(Target target, Frame frame, dev.hindsight.tracer.values.Variable parent, String parentExpression,
                           Supplier<List<dev.hindsight.tracer.values.Variable>> scope) {
        this.target = target;
        this.frame = frame;
        this.parent = parent;
        this.parentExpression = parentExpression;
        this.scope = scope;
    }

    public static ValueContainer scope(Target target, Frame frame, Supplier<List<dev.hindsight.tracer.values.Variable>> variables) {
        return new ValueContainer(target, frame, null, null, variables);
    }

    public static ValueContainer children(Target target, Frame frame, dev.hindsight.tracer.values.Variable parent, String expression) {
        return new ValueContainer(target, frame, parent, expression, null);
    }

    private List<dev.hindsight.tracer.values.Variable> slice(int start, int count) {
        if (parent != null) {
            int n = count > 0 ? count : Math.max(0, parent.childCount() - start);
            return parent.children(start, n);
        }
        return Container.page(scope.get(), start, count);
    }

    @Override
    public List<Variable> variables(int start, int count, boolean hex, Handles handles) {
        List<Variable> out = new ArrayList<>();
        for (dev.hindsight.tracer.values.Variable v : slice(start, count)) out.add(toDap(v, hex, handles));
        return out;
    }

    private Variable toDap(dev.hindsight.tracer.values.Variable v, boolean hex, Handles handles) {
        String expression = parent == null ? v.name() : Values.childExpression(parentExpression, parent, v.name());
        return Values.toDap(v, expression, hex, handles, ValueContainer.children(target, frame, v, expression));
    }

    /** The child called {@code name}, if there is one. */
    public java.util.Optional<dev.hindsight.tracer.values.Variable> find(String name) {
        return slice(0, 0).stream().filter(v -> v.name().equals(name)).findFirst();
    }

    @Override
    public Variable set(String name, String value, boolean hex, Handles handles) {
        for (dev.hindsight.tracer.values.Variable v : slice(0, 0)) {
            if (!v.name().equals(name)) continue;
            if (!v.isWritable()) throw new DapException(ErrorCode.NOT_ALLOWED, "'" + name + "' cannot be written");
            return toDap(target.frames().assign(v, value, frame), hex, handles);
        }
        throw new DapException(ErrorCode.INVALID_ARGUMENTS, "no variable '" + name + "' here");
    }
}
