package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.session.Numbers;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.regs.FpRegisters;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.values.ReturnClasses;
import dev.hindsight.tracer.values.Variable;
import dev.hindsight.tracer.values.format.LongDouble;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The value {@code -exec-return EXPR} makes a function return, converted as gdb converts it to the
 * function's return type, and where the x86-64 System V ABI returns that type: integers and
 * pointers in rax, {@code double} and {@code float} in xmm0, {@code long double} in st0 (pushed on
 * the x87 stack; from a {@code double}, so beyond its 53 bits precision is lost), a structure of
 * at most 16 bytes in registers, each eightbyte by its class (rax then rdx for integers and
 * pointers, xmm0 then xmm1 for floating point; the engine's {@link ReturnClasses}, nested
 * structures and arrays flattened; unions alike; a structure of one {@code long double} in st0). A structure returned in memory goes where the caller chose,
 * which gdb does not know either: as gdb, the value is then dropped.
 */
record ReturnValue(Kind kind, byte[] bytes, boolean[] sse) {
    enum Kind { RAX, XMM0_FLOAT, XMM0_DOUBLE, ST0, STRUCTURE, MEMORY }

    ReturnValue(Kind kind, byte[] bytes) {
        this(kind, bytes, new boolean[0]);
    }

    static ReturnValue of(Target t, Frame popped, Frame selected, String expression) {
        String type = returnType(t, popped);
        Variable v;
        try {
            v = t.frames().evaluate(expression.strip(), selected);
        } catch (RuntimeException e) {
            throw new MiException(e.getMessage());
        }
        if (type == null) type = v.type(); // no debug information for the function: the value's own type
        String text = v.value();
        switch (type) {
            case "double", "float", "long double" -> {
                double d;
                try {
                    d = Double.parseDouble(text.split("\\s")[0]);
                } catch (NumberFormatException e) {
                    Long n = Numbers.leadingNumber(text);
                    if (n == null) throw new MiException("Hindsight cannot convert " + text + " to " + type + " to return it");
                    d = n;
                }
                if (type.equals("long double")) return new ReturnValue(Kind.ST0, Arrays.copyOf(LongDouble.encode(d), 10));
                return type.equals("float") ? new ReturnValue(Kind.XMM0_FLOAT, le(Float.floatToRawIntBits((float) d) & 0xffffffffL))
                        : new ReturnValue(Kind.XMM0_DOUBLE, le(Double.doubleToRawLongBits(d)));
            }
            default -> {
                if (type.startsWith("struct") || type.startsWith("class") || type.startsWith("union")) return structure(t, popped, selected, type, v);
                if (type.endsWith("]")) throw new MiException("Hindsight cannot return a " + type + " value");
                Long n = Numbers.leadingNumber(text);
                if (n == null) throw new MiException("Hindsight cannot return " + text + " as " + type);
                return new ReturnValue(Kind.RAX, le(n));
            }
        }
    }

    private static ReturnValue structure(Target t, Frame popped, Frame selected, String type, Variable v) {
        if (!v.type().equals(type)) throw new MiException("Hindsight cannot convert a " + v.type() + " to " + type + " to return it");
        java.util.List<ReturnClasses.Kind> classes = popped.function() == null ? java.util.List.of()
                : t.frames().returnClasses(popped.function(), popped).orElse(java.util.List.of());
        if (classes.equals(java.util.List.of(ReturnClasses.Kind.MEMORY))) return new ReturnValue(Kind.MEMORY, new byte[0]);
        boolean x87 = classes.equals(java.util.List.of(ReturnClasses.Kind.X87));
        if (classes.isEmpty() || !x87 && classes.stream().anyMatch(k -> k != ReturnClasses.Kind.INTEGER && k != ReturnClasses.Kind.SSE)) {
            throw new MiException("Hindsight cannot return a " + type + " value");
        }
        int size;
        try {
            size = Integer.parseInt(t.frames().evaluate("sizeof(" + type + ")", selected).value().strip());
        } catch (RuntimeException e) {
            throw new MiException("Hindsight cannot tell the size of " + type + " to return it");
        }
        if (v.address().isEmpty()) throw new MiException("Hindsight returns structures that are in memory only");
        byte[] b = t.memory().read(v.address().getAsLong(), size);
        if (b.length < size) throw new MiException("Cannot access memory at address 0x" + Long.toHexString(v.address().getAsLong()));
        // a structure of one long double comes back in st0 as the long double would, all 80 bits of it
        if (x87) return new ReturnValue(Kind.ST0, Arrays.copyOf(b, 10));
        boolean[] sse = new boolean[classes.size()];
        for (int i = 0; i < sse.length; i++) sse[i] = classes.get(i) == ReturnClasses.Kind.SSE;
        return new ReturnValue(Kind.STRUCTURE, Arrays.copyOf(b, 16), sse);
    }

    /** {@code double} of a function whose type is {@code double (double)}; null without debug information. */
    private static String returnType(Target t, Frame popped) {
        if (popped.function() == null || popped.line() == null) return null;
        try {
            String type = t.frames().evaluate(popped.function(), popped).type();
            int paren = dev.hindsight.mi.session.FunctionTypes.parameterList(type);
            return paren > 0 ? type.substring(0, paren).strip() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    void store(Target t, int tid) {
        switch (kind) {
            case RAX -> t.registers().set(tid, "rax", word(0));
            case XMM0_FLOAT, XMM0_DOUBLE -> t.registers().setFp(tid, low(t.registers().fp(tid), 0, kind == Kind.XMM0_FLOAT ? 4 : 8, 0));
            case STRUCTURE -> {
                // each eightbyte to the next register of its class: rax then rdx, xmm0 then xmm1
                String[] integers = {"rax", "rdx"};
                FpRegisters fp = t.registers().fp(tid);
                int nextInteger = 0, nextSse = 0;
                for (int i = 0; i < sse.length; i++) {
                    if (sse[i]) fp = low(fp, nextSse++, 8, i * 8);
                    else t.registers().set(tid, integers[nextInteger++], word(i * 8));
                }
                if (nextSse > 0) t.registers().setFp(tid, fp);
            }
            case ST0 -> t.registers().setFp(tid, t.registers().fp(tid).withReturnedSt0(bytes));
            case MEMORY -> { } // gdb drops it too: where the caller wants it is not known
        }
    }

    /** xmm{@code n} with its low {@code count} bytes from {@code bytes[from…]}, the rest as it was. */
    private FpRegisters low(FpRegisters fp, int n, int count, int from) {
        byte[] xmm = fp.xmm(n).clone();
        System.arraycopy(bytes, from, xmm, 0, count);
        return fp.withXmm(n, xmm);
    }

    private long word(int offset) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
    }

    private static byte[] le(long bits) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(bits).array();
    }
}
