package dev.hindsight.tracer.values;

import dev.hindsight.tracer.values.types.Type;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Writes a value to a scalar in memory or a register: converts it to the destination type as C
 * assignment does, but refuses integers that do not fit (rather than silently truncating) and
 * anything that is not a scalar.
 */
public final class Assignment {
    private Assignment() {}

    public static void write(Value destination, Value source) {
        Type to = destination.type();
        if (!to.isScalar()) throw new EvaluationException("Cannot assign to a value of type " + to + ".");
        Value converted = Conversions.assignable(source, to);
        byte[] bytes = converted.bytes();
        if (destination.isBitfield()) {
            bytes = mergeBitfield(destination, converted.asLong());
        }
        Place p = destination.place();
        if (p instanceof Place.Memory m) {
            destination.context().write(m.address(), bytes);
        } else if (p instanceof Place.Register r) {
            destination.context().writeRegister(r.dwarfRegister(), bytes);
        } else {
            throw new EvaluationException("Left operand of assignment is not an lvalue.");
        }
    }

    private static byte[] mergeBitfield(Value destination, long value) {
        int bits = destination.bitSize(), offset = destination.bitOffset();
        long max = destination.type().isSigned() ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        long min = destination.type().isSigned() ? -(1L << (bits - 1)) : 0;
        if (bits < 63 && (value > max || value < min)) {
            throw new EvaluationException("Value " + value + " does not fit in a bitfield of " + bits + " bits.");
        }
        byte[] current = destination.bytes();
        BigInteger all = new BigInteger(1, reverse(current));
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftLeft(offset);
        BigInteger field = BigInteger.valueOf(value).shiftLeft(offset).and(mask);
        all = all.andNot(mask).or(field);
        byte[] be = all.toByteArray();
        byte[] out = new byte[current.length];
        for (int i = 0; i < out.length && i < be.length; i++) out[i] = be[be.length - 1 - i];
        return out;
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = Arrays.copyOf(b, b.length);
        for (int i = 0; i < b.length / 2; i++) {
            byte t = r[i];
            r[i] = r[b.length - 1 - i];
            r[b.length - 1 - i] = t;
        }
        return r;
    }
}
