package dev.hindsight.tracer.regs;

/** Converts the x87 80-bit extended format to double, as a debugger displays st0-st7. */
final class X87 {
    private X87() {}

    static double toDouble(byte[] ten) {
        long mantissa = 0;
        for (int i = 7; i >= 0; i--) mantissa = (mantissa << 8) | (ten[i] & 0xff);
        int se = ((ten[9] & 0xff) << 8) | (ten[8] & 0xff);
        boolean negative = (se & 0x8000) != 0;
        int exponent = se & 0x7fff;
        double value;
        if (exponent == 0x7fff) {
            value = (mantissa << 1) == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            // The explicit integer bit sits at bit 63; the top 53 bits convert exactly, the rest
            // are beyond a double's precision anyway. Denormals use exponent 1, like the hardware.
            int e = exponent == 0 ? 1 : exponent;
            value = Math.scalb((double) (mantissa >>> 11), e - 16383 - 63 + 11);
        }
        return negative ? -value : value;
    }

    /** The full tag of one register's contents: 0 valid, 1 zero, 2 special (NaN, infinity, denormal, unnormal). */
    static int tag(byte[] ten) {
        int exponent = (((ten[9] & 0xff) << 8) | (ten[8] & 0xff)) & 0x7fff;
        boolean integer = (ten[7] & 0x80) != 0;
        long fraction = 0;
        for (int i = 7; i >= 0; i--) fraction = (fraction << 8) | (ten[i] & 0xff);
        fraction &= Long.MAX_VALUE;
        if (exponent == 0x7fff) return 2;
        if (exponent == 0) return fraction == 0 && !integer ? 1 : 2;
        return integer ? 0 : 2;
    }
}
