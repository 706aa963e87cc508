package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.session.Numbers;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.regs.FpRegisters;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.values.Variable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The value {@code -exec-return EXPR} makes a function return, converted as gdb converts it to the
 * function's return type, and where the x86-64 System V ABI returns that type: integers and
 * pointers in rax, {@code double} and {@code float} in xmm0. Others ({@code long double} in
 * st0, structures in memory or register pairs) are refused, saying so.
 */
record ReturnValue(String register, long bits, boolean single) {
    static ReturnValue of(Target t, Frame popped, Frame selected, String expression) {
        String type = returnType(t, popped);
        Variable v;
        try {
            v = t.evaluate(expression.strip(), selected);
        } catch (RuntimeException e) {
            throw new MiException(e.getMessage());
        }
        if (type == null) type = v.type(); // no debug information for the function: the value's own type
        String text = v.value();
        switch (type) {
            case "double", "float" -> {
                double d;
                try {
                    d = Double.parseDouble(text.split("\\s")[0]);
                } catch (NumberFormatException e) {
                    Long n = Numbers.leadingNumber(text);
                    if (n == null) throw new MiException("Hindsight cannot convert " + text + " to " + type + " to return it");
                    d = n;
                }
                return type.equals("float") ? new ReturnValue("xmm0", Float.floatToRawIntBits((float) d) & 0xffffffffL, true)
                        : new ReturnValue("xmm0", Double.doubleToRawLongBits(d), false);
            }
            case "long double" -> throw new MiException("Hindsight cannot return a long double value (x87's st0) yet");
            default -> {
                if (type.startsWith("struct") || type.startsWith("union") || type.startsWith("class") || type.endsWith("]")) {
                    throw new MiException("Hindsight returns scalar values only, not a " + type);
                }
                Long n = Numbers.leadingNumber(text);
                if (n == null) throw new MiException("Hindsight cannot return " + text + " as " + type);
                return new ReturnValue("rax", n, false);
            }
        }
    }

    /** {@code double} of a function whose type is {@code double (double)}; null without debug information. */
    private static String returnType(Target t, Frame popped) {
        if (popped.function() == null || popped.line() == null) return null;
        try {
            String type = t.evaluate(popped.function(), popped).type();
            int paren = type.lastIndexOf(" (");
            return paren > 0 ? type.substring(0, paren).strip() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    void store(Target t, int tid) {
        if (register.equals("rax")) {
            t.setRegister(tid, "rax", bits);
            return;
        }
        FpRegisters fp = t.fpRegisters(tid);
        byte[] xmm = fp.xmm(0).clone();
        ByteBuffer b = ByteBuffer.wrap(xmm).order(ByteOrder.LITTLE_ENDIAN);
        if (single) b.putInt(0, (int) bits);
        else b.putLong(0, bits);
        t.setFpRegisters(tid, fp.withXmm(0, xmm));
    }
}
