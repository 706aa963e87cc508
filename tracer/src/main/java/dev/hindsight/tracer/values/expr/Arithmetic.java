package dev.hindsight.tracer.values.expr;

import dev.hindsight.tracer.values.Conversions;
import dev.hindsight.tracer.values.EvaluationException;
import dev.hindsight.tracer.values.Value;
import dev.hindsight.tracer.values.ValueContext;
import dev.hindsight.tracer.values.types.Type;

/**
 * C's arithmetic on values: integer promotions, the usual arithmetic conversions, pointer
 * arithmetic (functions decay to pointers to them, which step by one byte, as in gdb).
 */
final class Arithmetic {
    private Arithmetic() {}

    /** Integer promotion: anything narrower than int (chars, shorts, bools, enums, bitfields) and wide characters become int. */
    static Type promote(Value v) {
        Type t = v.type().strip();
        if (t.isFloat()) return t;
        if (t.kind() == Type.Kind.ENUM) return t.size() > 4 ? (t.isSigned() ? Builtins.LONG : Builtins.UNSIGNED_LONG)
                : t.isSigned() || t.size() < 4 ? Builtins.INT : Builtins.UNSIGNED_INT;
        if (v.isBitfield() && v.bitSize() < 32) return Builtins.INT;
        if (t.size() < 4) return Builtins.INT;
        // C++'s wchar_t and char32_t are types of their own that promote like the int of their size.
        if (t.characterPrefix() != null) return t.isSigned() ? Builtins.INT : Builtins.UNSIGNED_INT;
        return t;
    }

    /** The usual arithmetic conversions: the common type of two promoted operands. */
    static Type common(Value a, Value b) {
        Type x = promote(a), y = promote(b);
        if (x.isFloat() || y.isFloat()) {
            if (!x.isFloat()) return y;
            if (!y.isFloat()) return x;
            return x.size() >= y.size() ? x : y;
        }
        if (x.size() != y.size()) {
            Type wide = x.size() > y.size() ? x : y;
            return wide;
        }
        if (!x.isSigned()) return x;
        if (!y.isSigned()) return y;
        return x;
    }

    static Value binary(String op, Value a, Value b, Type truth, ValueContext ctx) {
        Type ta = a.type().strip(), tb = b.type().strip();
        if (ta.kind() == Type.Kind.ARRAY) { a = Conversions.decay(a); ta = a.type().strip(); }
        if (tb.kind() == Type.Kind.ARRAY) { b = Conversions.decay(b); tb = b.type().strip(); }
        // a function designator is a pointer to the function, as in C (gdb: main+24 is (int (*)(…)) <main+24>)
        if (ta.kind() == Type.Kind.FUNCTION) { a = functionPointer(a, ctx); ta = a.type().strip(); }
        if (tb.kind() == Type.Kind.FUNCTION) { b = functionPointer(b, ctx); tb = b.type().strip(); }
        if (ta.isPointerLike() || tb.isPointerLike()) return pointer(op, a, b, truth, ctx);
        if (!ta.isScalar() || !tb.isScalar()) throw new EvaluationException("Argument to arithmetic operation not a number or boolean.");
        switch (op) {
            case "==", "!=", "<", ">", "<=", ">=" -> {
                Type c = common(a, b);
                int cmp = compare(Conversions.cast(a, c), Conversions.cast(b, c), c);
                return Value.ofLong(truth, holds(op, cmp) ? 1 : 0, ctx);
            }
            case "<<", ">>" -> {
                Type t = promote(a);
                if (t.isFloat() || promote(b).isFloat()) throw new EvaluationException("Integer only operation.");
                long count = b.asLong();
                long bits = t.size() * 8;
                long v = Conversions.cast(a, t).asLong();
                long r;
                if (count < 0 || count >= bits) r = 0;
                else if (op.equals("<<")) r = v << count;
                else r = t.isSigned() ? v >> count : (bits == 64 ? v >>> count : (v & ((1L << bits) - 1)) >>> count);
                return Value.ofLong(t, r, ctx);
            }
            default -> {
                Type c = common(a, b);
                if (c.isFloat()) return floating(op, a.asDouble(), b.asDouble(), c, ctx);
                long x = Conversions.cast(a, c).asLong(), y = Conversions.cast(b, c).asLong();
                boolean signed = c.isSigned();
                long r = switch (op) {
                    case "+" -> x + y;
                    case "-" -> x - y;
                    case "*" -> x * y;
                    case "/" -> {
                        if (y == 0) throw new EvaluationException("Division by zero");
                        yield signed ? x / y : Long.divideUnsigned(x, y);
                    }
                    case "%" -> {
                        if (y == 0) throw new EvaluationException("Division by zero");
                        yield signed ? x % y : Long.remainderUnsigned(x, y);
                    }
                    case "&" -> x & y;
                    case "|" -> x | y;
                    case "^" -> x ^ y;
                    default -> throw new EvaluationException("unknown operator " + op);
                };
                return Value.ofLong(c, r, ctx);
            }
        }
    }

    private static Value functionPointer(Value function, ValueContext ctx) {
        if (!function.inMemory()) throw new EvaluationException("Attempt to take address of value not located in memory.");
        return Value.ofLong(Type.pointerTo(function.type()), function.address(), ctx);
    }

    /** Whether comparison {@code op} holds for a three-way comparison result. */
    private static boolean holds(String op, int cmp) {
        return switch (op) {
            case "==" -> cmp == 0;
            case "!=" -> cmp != 0;
            case "<" -> cmp < 0;
            case ">" -> cmp > 0;
            case "<=" -> cmp <= 0;
            default -> cmp >= 0;
        };
    }

    private static int compare(Value a, Value b, Type c) {
        if (c.isFloat()) return Double.compare(a.asDouble(), b.asDouble());
        return c.isSigned() ? Long.compare(a.asLong(), b.asLong()) : Long.compareUnsigned(a.asLong(), b.asLong());
    }

    private static Value floating(String op, double x, double y, Type c, ValueContext ctx) {
        double r = switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "/" -> x / y;
            case "%", "&", "|", "^" -> throw new EvaluationException("Integer only operation " + op + ".");
            default -> throw new EvaluationException("unknown operator " + op);
        };
        return Value.ofDouble(c, r, ctx);
    }

    private static Value pointer(String op, Value a, Value b, Type truth, ValueContext ctx) {
        Type ta = a.type().strip(), tb = b.type().strip();
        boolean pa = ta.isPointerLike(), pb = tb.isPointerLike();
        switch (op) {
            case "+" -> {
                if (pa && pb) throw new EvaluationException("Cannot add two pointers.");
                Value ptr = pa ? a : b, n = pa ? b : a;
                return Value.ofLong(ptr.type(), ptr.asLong() + n.asLong() * stride(ptr.type().strip()), ctx);
            }
            case "-" -> {
                if (pa && pb) {
                    long size = stride(ta);
                    return Value.ofLong(Builtins.LONG, (a.asLong() - b.asLong()) / size, ctx);
                }
                if (!pa) throw new EvaluationException("Argument to arithmetic operation not a number or boolean.");
                return Value.ofLong(a.type(), a.asLong() - b.asLong() * stride(ta), ctx);
            }
            case "==", "!=", "<", ">", "<=", ">=" -> {
                int cmp = Long.compareUnsigned(a.asLong(), b.asLong());
                return Value.ofLong(truth, holds(op, cmp) ? 1 : 0, ctx);
            }
            default -> throw new EvaluationException("Argument to arithmetic operation not a number or boolean.");
        }
    }

    /** The pointee size pointer arithmetic scales by (1 for void and functions, as gdb). */
    static long stride(Type pointer) {
        Type target = pointer.target() == null ? null : pointer.target();
        if (target == null) return 1;
        Type s = target.strip();
        if (s.kind() == Type.Kind.VOID || s.kind() == Type.Kind.FUNCTION) return 1;
        return Math.max(1, target.size());
    }
}
