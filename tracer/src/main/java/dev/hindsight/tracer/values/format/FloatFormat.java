package dev.hindsight.tracer.values.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Floating-point numbers as gdb prints them: C's {@code %g} with enough digits to round-trip the
 * format (9 for float, 17 for double, 21 for x87 long double), NaNs with their payload.
 */
public final class FloatFormat {
    private FloatFormat() {}

    public static String ofFloat(float f) {
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            int bits = Float.floatToRawIntBits(f);
            return special(bits < 0, Float.isInfinite(f), Integer.toHexString(bits & 0x7fffff));
        }
        return g(new BigDecimal(f), 9, bitsNegative(Float.floatToRawIntBits(f) < 0));
    }

    public static String ofDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            long bits = Double.doubleToRawLongBits(d);
            return special(bits < 0, Double.isInfinite(d), Long.toHexString(bits & 0xfffffffffffffL));
        }
        return g(new BigDecimal(d), 17, Double.doubleToRawLongBits(d) < 0);
    }

    /** An IEEE half-precision number (as gdb prints {@code _Float16} and the {@code v8_half} lanes: 5 digits). */
    public static String ofHalf(int bits) {
        boolean negative = (bits & 0x8000) != 0;
        int exponent = (bits >> 10) & 0x1f, fraction = bits & 0x3ff;
        if (exponent == 0x1f) return special(negative, fraction == 0, Integer.toHexString(fraction));
        return g(new BigDecimal(halfToFloat(bits)), 5, negative);
    }

    /** An IEEE half's value, exactly (every half is a float). */
    private static float halfToFloat(int bits) {
        boolean negative = (bits & 0x8000) != 0;
        int exponent = (bits >> 10) & 0x1f, fraction = bits & 0x3ff;
        if (exponent == 0x1f) return fraction == 0 ? (negative ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY) : Float.NaN;
        float magnitude = exponent == 0 ? Math.scalb((float) fraction, -24) : Math.scalb((float) (fraction | 0x400), exponent - 25);
        return negative ? -magnitude : magnitude;
    }

    /** A bfloat16 (the upper half of a float; gdb's {@code v8_bfloat16} lanes: 4 digits). */
    public static String ofBfloat16(int bits) {
        float f = Float.intBitsToFloat((bits & 0xffff) << 16);
        if (Float.isNaN(f) || Float.isInfinite(f)) return special((bits & 0x8000) != 0, Float.isInfinite(f), Integer.toHexString(bits & 0x7f));
        return g(new BigDecimal(f), 4, (bits & 0x8000) != 0);
    }

    /** A long double whose exact value is known (infinities and NaNs are formatted by the caller). */
    public static String ofExact(BigDecimal exact, boolean negativeZero) {
        return g(exact, 21, negativeZero);
    }

    /**
     * Whether a 16-byte floating type holds x87's 80-bit extended format: x86-64's {@code long
     * double}, but not its {@code __float128}/{@code _Float128}, nor AArch64's binary128 long double.
     */
    public static boolean isX87(long size, String typeName, dev.hindsight.tracer.arch.Architecture arch) {
        return size > 8 && !arch.longDoubleIsBinary128() && (typeName == null || !typeName.contains("128"));
    }

    /**
     * The floating-point number in {@code b} (little endian) as gdb prints it: by its size (half,
     * float, double), a 2-byte one named {@code bfloat16} as a bfloat16, a 16-byte one as x87 or
     * binary128 by {@link #isX87}.
     */
    public static String text(byte[] b, String typeName, dev.hindsight.tracer.arch.Architecture arch) {
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        return switch (b.length) {
            case 2 -> "bfloat16".equals(typeName) ? ofBfloat16(bb.getShort() & 0xffff) : ofHalf(bb.getShort() & 0xffff);
            case 4 -> ofFloat(bb.getFloat());
            case 8 -> ofDouble(bb.getDouble());
            default -> isX87(b.length, typeName, arch) ? LongDouble.text(b) : Binary128.text(b);
        };
    }

    /** The number as the nearest double (NaNs and infinities of the wide formats as Java's). */
    public static double toDouble(byte[] b, String typeName, dev.hindsight.tracer.arch.Architecture arch) {
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        switch (b.length) {
            case 2: {
                int bits = bb.getShort() & 0xffff;
                if ("bfloat16".equals(typeName)) return Float.intBitsToFloat(bits << 16);
                return halfToFloat(bits);
            }
            case 4: return bb.getFloat();
            case 8: return bb.getDouble();
            default: {
                BigDecimal exact = isX87(b.length, typeName, arch) ? LongDouble.decode(b) : Binary128.decode(b);
                if (exact != null) return exact.doubleValue();
                boolean negative = (b[isX87(b.length, typeName, arch) ? 9 : 15] & 0x80) != 0;
                String t = text(b, typeName, arch);
                return t.endsWith("inf") ? (negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : Double.NaN;
            }
        }
    }

    private static boolean bitsNegative(boolean b) {
        return b;
    }

    private static String special(boolean negative, boolean infinite, String payloadHex) {
        String sign = negative ? "-" : "";
        return infinite ? sign + "inf" : sign + "nan(0x" + payloadHex + ")";
    }

    /** C's {@code %.Pg}: P significant digits, trailing zeros removed, exponent form outside [1e-4, 1eP). */
    static String g(BigDecimal v, int precision, boolean negative) {
        if (v.signum() == 0) return negative ? "-0" : "0";
        BigDecimal r = v.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = r.precision() - r.scale() - 1;
        if (exponent >= -4 && exponent < precision) {
            String s = r.setScale(Math.max(0, precision - 1 - exponent), RoundingMode.HALF_EVEN).toPlainString();
            return stripZeros(s);
        }
        String digits = r.unscaledValue().abs().toString();
        String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
        mantissa = stripZeros(mantissa);
        String exp = String.format("%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
        return (r.signum() < 0 ? "-" : "") + mantissa + "e" + exp;
    }

    private static String stripZeros(String s) {
        if (!s.contains(".")) return s;
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        return s.substring(0, end);
    }
}
