package dev.hindsight.tracer.values.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/** The x87 80-bit extended format of {@code long double}: exact decoding for printing, encoding from double. */
public final class LongDouble {
    private LongDouble() {}

    /** Exact value; null for infinities and NaNs (see {@link #special}). */
    public static BigDecimal decode(byte[] b) {
        long mantissa = 0;
        for (int i = 7; i >= 0; i--) mantissa = (mantissa << 8) | (b[i] & 0xff);
        int se = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        boolean negative = (se & 0x8000) != 0;
        int exponent = se & 0x7fff;
        if (exponent == 0x7fff) return null;
        BigDecimal m = new BigDecimal(new BigInteger(1, toBytes(mantissa)));
        int e = (exponent == 0 ? 1 : exponent) - 16383 - 63;
        BigDecimal v = e >= 0 ? m.multiply(new BigDecimal(BigInteger.TWO.pow(e)))
                : m.divide(new BigDecimal(BigInteger.TWO.pow(-e)));
        return negative ? v.negate() : v;
    }

    /** As gdb prints it (%.21Lg, {@code inf}, {@code nan(0x…)}). */
    public static String text(byte[] b) {
        if (b.length < 10) return "<invalid float value>";
        int se = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        boolean negative = (se & 0x8000) != 0;
        if ((se & 0x7fff) == 0x7fff) {
            long mantissa = 0;
            for (int i = 7; i >= 0; i--) mantissa = (mantissa << 8) | (b[i] & 0xff);
            long fraction = mantissa & 0x7fffffffffffffffL;
            String sign = negative ? "-" : "";
            return fraction == 0 ? sign + "inf" : sign + "nan(0x" + Long.toHexString(fraction) + ")";
        }
        return FloatFormat.ofExact(decode(b), negative);
    }

    public static byte[] encode(double d) {
        byte[] out = new byte[16];
        long bits = Double.doubleToRawLongBits(d);
        boolean negative = bits < 0;
        int exp = (int) ((bits >>> 52) & 0x7ff);
        long frac = bits & 0xfffffffffffffL;
        int se;
        long mantissa;
        if (exp == 0 && frac == 0) {
            se = 0;
            mantissa = 0;
        } else if (exp == 0x7ff) {
            se = 0x7fff;
            mantissa = 0x8000000000000000L | (frac << 11);
        } else if (exp == 0) {
            int shift = Long.numberOfLeadingZeros(frac) - 11;
            mantissa = frac << (11 + shift);
            se = 1 - 1023 - shift + 16383;
        } else {
            mantissa = 0x8000000000000000L | (frac << 11);
            se = exp - 1023 + 16383;
        }
        if (negative) se |= 0x8000;
        for (int i = 0; i < 8; i++) out[i] = (byte) (mantissa >>> (8 * i));
        out[8] = (byte) se;
        out[9] = (byte) (se >>> 8);
        return out;
    }

    private static byte[] toBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[7 - i] = (byte) (v >>> (8 * i));
        return Arrays.copyOf(b, 8);
    }
}
