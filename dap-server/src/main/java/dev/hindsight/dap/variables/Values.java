package dev.hindsight.dap.variables;

import dev.hindsight.dap.session.Handles;
import dev.hindsight.tracer.values.ValueFormat;
import org.eclipse.lsp4j.debug.Variable;

/** DAP {@code Variable}s for engine values. */
public final class Values {
    private Values() {}

    /**
     * @param evaluateName an expression that yields this value again, or null
     * @param children     how to expand it (registered as a handle when it has children)
     */
    public static Variable toDap(dev.hindsight.tracer.values.Variable v, String evaluateName, boolean hex,
                                 Handles handles, Container children) {
        Variable out = new Variable();
        out.setName(v.name());
        out.setValue(v.value(hex ? ValueFormat.HEX : ValueFormat.NATURAL));
        out.setType(v.type());
        if (evaluateName != null) out.setEvaluateName(evaluateName);
        v.address().ifPresent(a -> out.setMemoryReference("0x" + Long.toHexString(a)));
        if (v.hasChildren() && children != null) {
            out.setVariablesReference(handles.add(children));
            if (v.indexedChildren()) out.setIndexedVariables(v.childCount());
            else out.setNamedVariables(v.childCount());
        }
        return out;
    }

    /** How a child is reached from its parent's expression: {@code p.x}, {@code a[3]}, {@code *p}. */
    public static String childExpression(String parent, dev.hindsight.tracer.values.Variable parentValue, String child) {
        if (parent == null) return null;
        if (child.startsWith("[")) return parent + child;
        if (child.startsWith("*")) return "*" + parent;
        if (!child.matches("[A-Za-z_][A-Za-z0-9_]*")) return null;
        return parentValue.type().trim().endsWith("*") ? parent + "->" + child : "(" + parent + ")." + child;
    }
}
