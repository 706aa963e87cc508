package dev.hindsight.dap.variables;

import dev.hindsight.dap.session.Handles;
import dev.hindsight.dap.protocol.DapException;
import dev.hindsight.dap.protocol.ErrorCode;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.stack.Frame;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Variable;

/**
 * The "Return value" scope after a step out: what the function left in the architecture's integer
 * and floating-point return registers (rax and xmm0; x0 and d0), raw; then
 * the value it returned, named after it, typed as it is declared and read where the x86-64 System
 * V ABI returns that type (the engine's {@code Target#returnedValue}: structures from rax:rdx and
 * xmm0:xmm1 by the class of each eightbyte, or from memory), as gdb's {@code finish} prints it,
 * its members expandable. Read-only.
 */
public final class ReturnValue implements Container {
    private static final Architecture ARCH = Architecture.host();
    private final dev.hindsight.tracer.step.ReturnValue value;
    private final dev.hindsight.tracer.values.Variable typed;
    private final Target target;
    private final Frame frame;

    /** @param typed the typed value, or null without the function's type */
    public ReturnValue(dev.hindsight.tracer.step.ReturnValue value, dev.hindsight.tracer.values.Variable typed, Target target, Frame frame) {
        this.value = value;
        this.typed = typed;
        this.target = target;
        this.frame = frame;
    }

    @Override
    public List<Variable> variables(int start, int count, boolean hex, Handles handles) {
        String function = value.function() != null ? value.function() : "the function";
        List<Variable> all = new ArrayList<>();
        all.add(variable(function + " (" + ARCH.integerReturnRegister() + ")", hex ? Numbers.hex(value.rax()) : Long.toString(value.rax()), "long"));
        all.add(variable(function + " (" + ARCH.floatReturnRegister() + ")", Double.toString(value.xmm0()), "double"));
        // after the registers, which clients (the web page) find first; no expression reaches the
        // registers' bytes, so the members have no evaluateName
        if (typed != null) all.add(Values.toDap(typed, null, hex, handles, ValueContainer.children(target, frame, typed, null)));
        return Container.page(all, start, count);
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
        throw new DapException(ErrorCode.NOT_ALLOWED, "the return value is read-only; write " + ARCH.integerReturnRegister() + " or " + ARCH.floatReturnRegister() + " in Registers");
    }
}
