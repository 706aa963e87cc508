package dev.hindsight.dap.variables;

import dev.hindsight.dap.session.Handles;
import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import java.util.List;
import org.eclipse.lsp4j.debug.Variable;

/**
 * The "Return value" scope after a step out: what the function left in the return registers
 * (x86-64 SysV: integers and pointers in rax, floating point in xmm0), as gdb's {@code finish}
 * prints it. Read-only.
 */
public final class ReturnValue implements Container {
    private final dev.hindsight.tracer.step.ReturnValue value;

    public ReturnValue(dev.hindsight.tracer.step.ReturnValue value) {
        this.value = value;
    }

    @Override
    public List<Variable> variables(int start, int count, boolean hex, Handles handles) {
        String function = value.function() != null ? value.function() : "the function";
        return Container.page(List.of(
                variable(function + " (rax)", hex ? Numbers.hex(value.rax()) : Long.toString(value.rax()), "long"),
                variable(function + " (xmm0)", Double.toString(value.xmm0()), "double")), start, count);
    }

    private static Variable variable(String name, String text, String type) {
        Variable v = new Variable();
        v.setName(name);
        v.setValue(text);
        v.setType(type);
        return v;
    }

    @Override
    public Variable set(String name, String value, boolean hex, Handles handles) {
        throw new DapException(ErrorCode.NOT_ALLOWED, "the return value is read-only; write rax or xmm0 in Registers");
    }
}
