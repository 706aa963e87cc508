package dev.hindsight.mi.session;

import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.step.ReturnValue;
import dev.hindsight.tracer.values.format.FloatFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The value a {@code finish} shows ({@code return-value}, "Value returned is"), as gdb prints it:
 * read where the x86-64 System V ABI returns the finished function's type — {@code double} and
 * {@code float} in xmm0, integers, characters and pointers in rax, printed as a cast of rax's bits
 * to that type prints. Empty for a {@code void} function, as gdb shows none; empty too where
 * Hindsight cannot read it yet (a {@code long double} in st0, a structure), or without the
 * function's type.
 */
final class FinishValue {
    private FinishValue() {}

    static Optional<String> of(Target t, int tid) {
        Optional<ReturnValue> rv = t.lastReturnValue();
        if (rv.isEmpty() || rv.get().function() == null) return Optional.empty();
        Frame here = t.backtrace(tid, 1).get(0);
        String type;
        try {
            type = t.evaluate(rv.get().function(), here).type();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        int paren = parameterList(type);
        if (paren <= 0) return Optional.empty();
        type = type.substring(0, paren).strip();
        ByteBuffer xmm0 = ByteBuffer.wrap(t.fpRegisters(tid).xmm(0)).order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case "void", "long double" -> {
                return Optional.empty();
            }
            case "double" -> {
                return Optional.of(FloatFormat.ofDouble(xmm0.getDouble(0)));
            }
            case "float" -> {
                return Optional.of(FloatFormat.ofFloat(xmm0.getFloat(0)));
            }
            default -> {
                if (type.startsWith("struct") || type.startsWith("union") || type.startsWith("class")) return Optional.empty();
                try {
                    return Optional.of(t.evaluate("(" + type + ") 0x" + Long.toHexString(rv.get().rax()), here).value());
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }
        }
    }

    /** Where {@code int *(int *, int)}'s parameter list opens (the parenthesis matching the last one). */
    private static int parameterList(String functionType) {
        if (!functionType.endsWith(")")) return -1;
        int depth = 0;
        for (int i = functionType.length() - 1; i >= 0; i--) {
            char c = functionType.charAt(i);
            if (c == ')') depth++;
            else if (c == '(' && --depth == 0) return i;
        }
        return -1;
    }
}
