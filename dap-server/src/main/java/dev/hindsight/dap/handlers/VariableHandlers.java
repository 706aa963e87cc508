package dev.hindsight.dap.handlers;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.dap.session.Session;
import dev.hindsight.dap.variables.Container;
import dev.hindsight.dap.variables.Evaluation;
import dev.hindsight.dap.variables.FrameRef;
import dev.hindsight.dap.variables.ValueContainer;
import dev.hindsight.dap.variables.Values;
import dev.hindsight.tracer.Target;
import java.util.List;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.SetExpressionArguments;
import org.eclipse.lsp4j.debug.SetExpressionResponse;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.SetVariableResponse;
import org.eclipse.lsp4j.debug.ValueFormat;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesArgumentsFilter;
import org.eclipse.lsp4j.debug.VariablesResponse;

/** variables (with paging and hex), setVariable (values and registers), evaluate and setExpression. */
public final class VariableHandlers extends RequestHandler {
    private static final Gson GSON = new Gson();

    public VariableHandlers(Session session) {
        super(session);
    }

    public VariablesResponse variables(VariablesArguments args) {
        required(args, "variables");
        session.stoppedTarget();
        Container c = session.handles().get(args.getVariablesReference(), Container.class, "variablesReference");
        int start = args.getStart() == null ? 0 : args.getStart();
        int count = args.getCount() == null ? 0 : args.getCount();
        check(start >= 0 && count >= 0, "start and count must not be negative");
        List<Variable> vars = c.variables(start, count, hex(args.getFormat()), session.handles());
        if (args.getFilter() != null) {
            // Named and indexed children never share a container: a filter either keeps all or none.
            boolean indexed = !vars.isEmpty() && vars.get(0).getName().startsWith("[");
            if (indexed != (args.getFilter() == VariablesArgumentsFilter.INDEXED)) vars = List.of();
        }
        VariablesResponse r = new VariablesResponse();
        r.setVariables(vars.toArray(Variable[]::new));
        return r;
    }

    public SetVariableResponse setVariable(SetVariableArguments args) {
        required(args, "setVariable");
        session.stoppedTarget();
        Container c = session.handles().get(args.getVariablesReference(), Container.class, "variablesReference");
        Variable v = c.set(field(args.getName(), "name"), field(args.getValue(), "value"), hex(args.getFormat()),
                session.handles());
        changed(c.holdsRegisters(), null);
        return as(v, SetVariableResponse.class);
    }

    public EvaluateResponse evaluate(EvaluateArguments args) {
        required(args, "evaluate");
        String expression = field(args.getExpression(), "expression");
        check(!expression.isBlank(), "nothing to evaluate");
        Target t = session.stoppedTarget();
        FrameRef f = frame(args.getFrameId());
        dev.hindsight.tracer.values.Variable value = Evaluation.evaluate(t, expression, f.frame());
        Variable v = Values.toDap(value, expression, hex(args.getFormat()), session.handles(),
                ValueContainer.children(t, f.frame(), value, expression));
        return as(v, EvaluateResponse.class);
    }

    /** An editable watch expression: writes {@code value} to what {@code expression} names. */
    public SetExpressionResponse setExpression(SetExpressionArguments args) {
        required(args, "setExpression");
        String expression = field(args.getExpression(), "expression");
        Target t = session.stoppedTarget();
        FrameRef f = frame(args.getFrameId());
        dev.hindsight.tracer.values.Variable target = Evaluation.evaluate(t, expression, f.frame());
        if (!target.isWritable()) throw new DapException(ErrorCode.NOT_ALLOWED, "'" + expression + "' cannot be written");
        dev.hindsight.tracer.values.Variable written = t.frames().assign(target, field(args.getValue(), "value"), f.frame());
        changed(expression.strip().startsWith("$"), args.getFrameId());
        Variable v = Values.toDap(written, expression, hex(args.getFormat()), session.handles(),
                ValueContainer.children(t, f.frame(), written, expression));
        return as(v, SetExpressionResponse.class);
    }

    /**
     * After a write: clients that understand {@code invalidated} refresh what they show. A
     * register write may move the frame itself (rip, rsp), so the stack is stale too.
     */
    private void changed(boolean register, Integer frameId) {
        if (!session.features().invalidatedEvent()) return;
        Integer threadId = session.target().currentThread();
        List<String> areas = register ? List.of("stacks", "variables") : List.of("variables");
        Integer frame = register || frameId == null || frameId == 0 ? null : frameId;
        session.afterResponse(() -> session.events().invalidated(areas, threadId, frame));
    }

    /**
     * The value fields of a variable as one of the response types that repeat them (setVariable,
     * setExpression, evaluate, where the value is called {@code result}).
     */
    private static <T> T as(Variable v, Class<T> type) {
        JsonObject o = GSON.toJsonTree(v).getAsJsonObject();
        o.remove("name");
        o.remove("evaluateName");
        if (type == EvaluateResponse.class) o.add("result", o.remove("value"));
        return GSON.fromJson(o, type);
    }

    static boolean hex(ValueFormat format) {
        return format != null && Boolean.TRUE.equals(format.getHex());
    }
}
