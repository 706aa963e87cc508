package dev.hindsight.tracer.values.format;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * IEEE 754 binary128 (quadruple precision): AArch64's {@code long double} and x86-64's
 * {@code __float128}/{@code _Float128}. gdb prints it with C's {@code %g} at 36 significant digits
 * (its DECIMAL_DIG, ceil(1 + 113 log10 2)), NaNs with their 112-bit payload.
 */
public final class Binary128 {
    private static final int BIAS = 16383;
    private static final int FRACTION_BITS = 112;

    private Binary128() {}

    /** Exact value of 16 little-endian bytes; null for infinities and NaNs. */
    public static BigDecimal decode(byte[] b) {
        BigInteger all = new BigInteger(1, reversed(b));
        int exponent = all.shiftRight(FRACTION_BITS).intValue() & 0x7fff;
        if (exponent == 0x7fff) return null;
        BigInteger fraction = all.and(BigInteger.ONE.shiftLeft(FRACTION_BITS).subtract(BigInteger.ONE));
        BigInteger significand = exponent == 0 ? fraction : fraction.setBit(FRACTION_BITS);
        int e = (exponent == 0 ? 1 : exponent) - BIAS - FRACTION_BITS;
        BigDecimal m = new BigDecimal(significand);
        BigDecimal v = e >= 0 ? m.multiply(new BigDecimal(BigInteger.TWO.pow(e))) : m.divide(new BigDecimal(BigInteger.TWO.pow(-e)));
        return all.testBit(127) ? v.negate() : v;
    }

    /** As gdb prints it. */
    public static String text(byte[] b) {
        if (b.length < 16) return "<invalid float value>";
        BigInteger all = new BigInteger(1, reversed(b));
        boolean negative = all.testBit(127);
        BigDecimal exact = decode(b);
        if (exact == null) {
            BigInteger fraction = all.and(BigInteger.ONE.shiftLeft(FRACTION_BITS).subtract(BigInteger.ONE));
            String sign = negative ? "-" : "";
            return fraction.signum() == 0 ? sign + "inf" : sign + "nan(0x" + fraction.toString(16) + ")";
        }
        return FloatFormat.g(exact, 36, negative);
    }

    /** A double widened exactly to binary128 (for casts and arithmetic results, which the evaluator computes in double). */
    public static byte[] encode(double d) {
        long bits = Double.doubleToRawLongBits(d);
        int exp = (int) ((bits >>> 52) & 0x7ff);
        long frac = bits & 0xfffffffffffffL;
        int e;
        BigInteger fraction;
        if (exp == 0 && frac == 0) {
            e = 0;
            fraction = BigInteger.ZERO;
        } else if (exp == 0x7ff) {
            e = 0x7fff;
            fraction = BigInteger.valueOf(frac).shiftLeft(FRACTION_BITS - 52);
        } else if (exp == 0) { // a double subnormal is a normal binary128
            int shift = Long.numberOfLeadingZeros(frac) - 11;
            e = 1 - 1023 - shift + BIAS;
            fraction = BigInteger.valueOf((frac << shift) & 0xfffffffffffffL).shiftLeft(FRACTION_BITS - 52);
        } else {
            e = exp - 1023 + BIAS;
            fraction = BigInteger.valueOf(frac).shiftLeft(FRACTION_BITS - 52);
        }
        BigInteger all = BigInteger.valueOf(e).shiftLeft(FRACTION_BITS).or(fraction);
        if (bits < 0) all = all.setBit(127);
        byte[] be = all.toByteArray();
        byte[] le = new byte[16];
        for (int i = 0; i < 16 && i < be.length; i++) le[i] = be[be.length - 1 - i];
        return le;
    }

    private static byte[] reversed(byte[] b) {
        byte[] r = new byte[16];
        for (int i = 0; i < 16; i++) r[15 - i] = b[i];
        return r;
    }
}
