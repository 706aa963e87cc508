package dev.hindsight.mi.session;

import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.step.ReturnValue;
import dev.hindsight.tracer.values.format.FloatFormat;
import dev.hindsight.tracer.values.format.LongDouble;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The value a {@code finish} shows ({@code return-value}, "Value returned is"), as gdb prints it:
 * read where the x86-64 System V ABI returns the finished function's type — {@code double} and
 * {@code float} in xmm0, {@code long double} in st0, integers, characters and pointers in rax
 * (printed as a cast of rax's bits to that type prints), a structure of more than 16 bytes in
 * memory at rax, a smaller one in registers. Empty for a {@code void} function, as gdb shows none;
 * empty too where it cannot be assembled, or without the function's type.
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
        int paren = FunctionTypes.parameterList(type);
        if (paren <= 0) return Optional.empty();
        type = type.substring(0, paren).strip();
        ByteBuffer xmm0 = ByteBuffer.wrap(t.fpRegisters(tid).xmm(0)).order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case "void" -> {
                return Optional.empty();
            }
            case "long double" -> {
                return Optional.of(LongDouble.text(t.fpRegisters(tid).st(0)));
            }
            case "double" -> {
                return Optional.of(FloatFormat.ofDouble(xmm0.getDouble(0)));
            }
            case "float" -> {
                return Optional.of(FloatFormat.ofFloat(xmm0.getFloat(0)));
            }
            default -> {
                if (type.startsWith("struct") || type.startsWith("union") || type.startsWith("class")) return structure(t, tid, here, type, rv.get().rax());
                try {
                    return Optional.of(t.evaluate("(" + type + ") 0x" + Long.toHexString(rv.get().rax()), here).value());
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }
        }
    }

    /**
     * A structure larger than 16 bytes is returned in memory, its address in rax; a smaller one in
     * registers ({@link RegisterStructure}).
     */
    private static Optional<String> structure(Target t, int tid, Frame here, String type, long rax) {
        try {
            int size = Integer.parseInt(t.evaluate("sizeof(" + type + ")", here).value().strip());
            if (size <= 16) return RegisterStructure.text(t, tid, here, type, size, rax);
            return Optional.of(t.evaluate("*(" + type + " *) 0x" + Long.toHexString(rax), here).value());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
