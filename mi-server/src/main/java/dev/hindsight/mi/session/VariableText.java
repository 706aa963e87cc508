package dev.hindsight.mi.session;

import dev.hindsight.tracer.values.ValueFormat;
import dev.hindsight.tracer.values.Variable;

/** How MI shows a value: whole (as gdb prints it), or whether it is "simple" (gdb's --simple-values). */
public final class VariableText {
    private VariableText() {}

    public static String value(Variable v) {
        return value(v, ValueFormat.NATURAL);
    }

    public static String value(Variable v, ValueFormat format) {
        try {
            return v.value(format);
        } catch (RuntimeException e) {
            return "<error: " + e.getMessage() + ">";
        }
    }

    /** Not an array, struct, class or union (gdb's test for --simple-values and frame arguments). */
    public static boolean simple(Variable v) {
        String type = v.type();
        if (type.endsWith("]")) return false;
        if (type.endsWith("*") || type.endsWith("&")) return true;
        String text = value(v);
        return !(text.startsWith("{") || (v.hasChildren() && !v.indexedChildren() && v.childCount() > 1));
    }
}
