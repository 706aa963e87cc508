package dev.hindsight.tracer.values;

import dev.hindsight.tracer.values.types.Type;
import dev.hindsight.tracer.values.types.TypeNames;

/** C conversions between scalar types: casts (which truncate) and assignments (which must fit). */
public final class Conversions {
    private Conversions() {}

    /** {@code (type) value}: integers truncate or extend, floats convert, pointers and integers interchange. */
    public static Value cast(Value v, Type to) {
        Type target = to.strip();
        Type from = v.type().strip();
        ValueContext ctx = v.context();
        if (target.kind() == Type.Kind.VOID) return Value.ofBytes(to, new byte[0], ctx);
        if (to.isAggregate() || target.kind() == Type.Kind.ARRAY) {
            if (sameAggregate(from, target) && v.available()) return v.withType(to);
            throw new EvaluationException("Invalid cast.");
        }
        if (from.kind() == Type.Kind.ARRAY) {
            v = decay(v);
            from = v.type().strip();
        }
        if (from.kind() == Type.Kind.FUNCTION) {
            v = Value.ofLong(Type.pointerTo(from), v.address(), ctx);
            from = v.type().strip();
        }
        if (!from.isScalar()) throw new EvaluationException("Invalid cast.");
        if (target.isFloat()) {
            return Value.ofDouble(to, v.asDouble(), ctx);
        }
        if (target.isIntegral() || target.kind() == Type.Kind.POINTER) {
            long raw = from.isFloat() ? (long) v.asDouble() : v.asLong();
            if (target.kind() == Type.Kind.BASE && target.encoding() == Type.Encoding.BOOLEAN) raw = raw != 0 ? 1 : 0;
            return Value.ofLong(to, raw, ctx);
        }
        throw new EvaluationException("Invalid cast.");
    }

    private static boolean sameAggregate(Type a, Type b) {
        return a == b || TypeNames.of(a).equals(TypeNames.of(b));
    }

    /** An array used as a value is a pointer to its first element. */
    public static Value decay(Value array) {
        Type element = array.type().strip().target();
        return Value.ofLong(Type.pointerTo(element), array.address(), array.context());
    }

    /** The value converted for storing into a variable of type {@code to}; refuses what does not fit. */
    static Value assignable(Value v, Type to) {
        Type target = to.strip();
        Type from = v.type().strip();
        if (from.kind() == Type.Kind.ARRAY || from.kind() == Type.Kind.FUNCTION) {
            if (target.kind() != Type.Kind.POINTER) throw new EvaluationException("Invalid cast.");
            return cast(v, to);
        }
        if (!from.isScalar()) throw new EvaluationException("Invalid cast.");
        if (target.isIntegral() && !from.isFloat()) {
            long value = v.asLong();
            long bits = target.size() * 8;
            boolean fromSigned = from.isSigned() || from.kind() != Type.Kind.BASE && from.kind() != Type.Kind.ENUM;
            if (target.kind() == Type.Kind.BASE && target.encoding() == Type.Encoding.BOOLEAN) {
                if (value != 0 && value != 1) throw new EvaluationException("Value " + value + " does not fit in type bool.");
            } else if (bits < 64 && !fits(value, (int) bits, fromSigned, target.isSigned())) {
                throw new EvaluationException("Value " + (fromSigned ? Long.toString(value) : Long.toUnsignedString(value))
                        + " does not fit in type " + TypeNames.of(to) + ".");
            }
        }
        if (target.isIntegral() && from.isFloat()) {
            double d = v.asDouble();
            if (d != Math.rint(d)) {
                // C truncates toward zero, as gdb does.
                d = d < 0 ? Math.ceil(d) : Math.floor(d);
            }
            long bits = target.size() * 8;
            if (bits < 64 && !fits((long) d, (int) bits, true, target.isSigned())) {
                throw new EvaluationException("Value " + v.asDouble() + " does not fit in type " + TypeNames.of(to) + ".");
            }
        }
        return cast(v, to);
    }

    /**
     * Whether {@code value} fits a {@code bits}-bit destination: a signed one takes its signed range;
     * an unsigned one its unsigned range and small negatives (which wrap, as {@code uc = -1} means 255).
     */
    private static boolean fits(long value, int bits, boolean signedSource, boolean signedDestination) {
        long signedMin = -(1L << (bits - 1)), signedMax = (1L << (bits - 1)) - 1;
        long unsignedMax = (1L << bits) - 1;
        if (!signedSource && value < 0) return false; // a huge unsigned 64-bit value
        if (signedDestination) return value >= signedMin && value <= signedMax;
        return value >= signedMin && value <= unsignedMax;
    }
}
