package dev.hindsight.mi.commands;

import dev.hindsight.tracer.values.format.FloatFormat;
import dev.hindsight.tracer.values.format.LongDouble;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * gdb's text for the registers wider than 64 bits, in the register formats ({@code x} hex,
 * {@code r} raw: hex padded to the width, {@code o}, {@code t}, {@code d} signed, {@code N}
 * natural): the vector unions ({@code {v4_float = {…}, …, uint128 = …}}) lane by lane, runs of
 * more than 10 equal lanes as {@code V <repeats N times>} (gdb's repeat threshold), 128-bit
 * integers, and the x87 80-bit registers.
 */
final class RegisterText {
    /** How a lane is read in the natural format. */
    enum Lane { BFLOAT16, HALF, FLOAT, DOUBLE, INT, UINT }

    private record Member(String prefix, int size, Lane lane) {}

    private static final List<Member> UNION = List.of(new Member("bfloat16", 2, Lane.BFLOAT16), new Member("half", 2, Lane.HALF),
            new Member("float", 4, Lane.FLOAT), new Member("double", 8, Lane.DOUBLE), new Member("int8", 1, Lane.INT),
            new Member("int16", 2, Lane.INT), new Member("int32", 4, Lane.INT), new Member("int64", 8, Lane.INT),
            new Member("int128", 16, Lane.INT));

    private RegisterText() {}

    /** gdb's vec128, vec256 or vec512 union of a register's 16, 32 or 64 little-endian bytes. */
    static String union(byte[] b, char fmt) {
        StringBuilder s = new StringBuilder("{");
        for (Member m : UNION) {
            if (s.length() > 1) s.append(", ");
            if (b.length == 16 && m.size() == 16) {
                s.append("uint128 = ").append(lane(b, 0, 16, Lane.UINT, fmt));
            } else {
                s.append('v').append(b.length / m.size()).append('_').append(m.prefix()).append(" = ").append(array(b, m.size(), m.lane(), fmt));
            }
        }
        return s.append('}').toString();
    }

    /** An array of lanes ({@code {0x1, 0x0 <repeats 12 times>}}). */
    static String array(byte[] b, int size, Lane lane, char fmt) {
        List<String> lanes = new ArrayList<>();
        List<byte[]> raw = new ArrayList<>();
        for (int at = 0; at < b.length; at += size) {
            lanes.add(lane(b, at, size, lane, fmt));
            raw.add(Arrays.copyOfRange(b, at, at + size));
        }
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < lanes.size(); ) {
            int run = 1;
            while (i + run < lanes.size() && Arrays.equals(raw.get(i), raw.get(i + run))) run++;
            if (s.length() > 1) s.append(", ");
            if (run > 10) {
                s.append(lanes.get(i)).append(" <repeats ").append(run).append(" times>");
                i += run;
            } else {
                s.append(lanes.get(i));
                i++;
            }
        }
        return s.append('}').toString();
    }

    /** One lane of {@code size} bytes at {@code at}. */
    static String lane(byte[] b, int at, int size, Lane lane, char fmt) {
        BigInteger unsigned = unsigned(b, at, size);
        switch (fmt) {
            case 'x': return "0x" + unsigned.toString(16);
            case 'r': return "0x" + pad(unsigned.toString(16), 2 * size);
            case 'o': return unsigned.signum() == 0 ? "0" : "0" + unsigned.toString(8);
            case 't': return unsigned.toString(2);
            case 'd': return signed(unsigned, size).toString();
            default: break;
        }
        return switch (lane) {
            case BFLOAT16 -> FloatFormat.ofBfloat16(unsigned.intValue());
            case HALF -> FloatFormat.ofHalf(unsigned.intValue());
            case FLOAT -> FloatFormat.ofFloat(Float.intBitsToFloat(unsigned.intValue()));
            case DOUBLE -> FloatFormat.ofDouble(Double.longBitsToDouble(unsigned.longValue()));
            case INT -> signed(unsigned, size).toString();
            case UINT -> unsigned.toString();
        };
    }

    /** An x87 register's 10 bytes: its long double value in the natural format, its bits otherwise. */
    static String x87(byte[] ten, char fmt) {
        return fmt == 'N' ? LongDouble.text(ten) : lane(ten, 0, 10, Lane.INT, fmt);
    }

    private static BigInteger unsigned(byte[] b, int at, int size) {
        byte[] be = new byte[size + 1];
        for (int i = 0; i < size; i++) be[size - i] = b[at + i];
        return new BigInteger(be);
    }

    private static BigInteger signed(BigInteger unsigned, int size) {
        return unsigned.testBit(8 * size - 1) ? unsigned.subtract(BigInteger.ONE.shiftLeft(8 * size)) : unsigned;
    }

    private static String pad(String hex, int digits) {
        return "0".repeat(Math.max(0, digits - hex.length())) + hex;
    }
}
