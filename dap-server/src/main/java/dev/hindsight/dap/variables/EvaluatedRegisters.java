package dev.hindsight.dap.variables;

import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.dap.session.Handles;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.values.EvaluationException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Variable;

/**
 * A group of registers shown as the engine's expressions give them ({@code $v0} as gdb's
 * {@code aarch64v} union, expandable into its {@code d}, {@code s}, {@code h}, {@code b}, {@code q}
 * lanes; {@code $fpsr}): AArch64's vector group ({@link dev.hindsight.tracer.arch.Architecture#vectorRegisterGroup}).
 * Each row is what {@code print $NAME} prints, its children the union's members, and its
 * evaluateName {@code $NAME}, so a watch shows the same. Read-only.
 */
final class EvaluatedRegisters implements Container {
    private final Target target;
    private final Frame frame;
    private final List<String> names;

    EvaluatedRegisters(Target target, Frame frame, List<String> names) {
        this.target = target;
        this.frame = frame;
        this.names = List.copyOf(names);
    }

    @Override
    public List<Variable> variables(int start, int count, boolean hex, Handles handles) {
        List<Variable> out = new ArrayList<>();
        for (String name : Container.page(names, start, count)) {
            String expression = "$" + name;
            Variable v;
            try {
                dev.hindsight.tracer.values.Variable value = target.frames().evaluate(expression, frame);
                v = Values.toDap(value, expression, hex, handles, ValueContainer.children(target, frame, value, expression));
            } catch (EvaluationException e) {
                v = new Variable();
                v.setValue("<" + e.getMessage() + ">");
            }
            v.setName(name);
            out.add(v);
        }
        return out;
    }

    @Override
    public Variable set(String name, String value, boolean hex, Handles handles) {
        throw new DapException(ErrorCode.NOT_ALLOWED, "'" + name + "' cannot be written here; assign it in an expression ($" + name + " = …)");
    }

    @Override
    public boolean holdsRegisters() {
        return true;
    }
}
