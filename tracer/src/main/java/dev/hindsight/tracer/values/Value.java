package dev.hindsight.tracer.values;

import dev.hindsight.tracer.values.format.Binary128;
import dev.hindsight.tracer.values.format.FloatFormat;
import dev.hindsight.tracer.values.format.LongDouble;
import dev.hindsight.tracer.values.types.Member;
import dev.hindsight.tracer.values.types.Type;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A typed value of the stopped program and where it lives. Reads happen when asked, so a value
 * shows what the program holds now. Bitfields carry their bit position inside the bytes at the place.
 */
public final class Value {
    private final Type type;
    private final Place place;
    private final ValueContext ctx;
    private final int bitSize;
    private final int bitOffset;

    public Value(Type type, Place place, ValueContext ctx) {
        this(type, place, ctx, 0, 0);
    }

    private Value(Type type, Place place, ValueContext ctx, int bitSize, int bitOffset) {
        this.type = type;
        this.place = place;
        this.ctx = ctx;
        this.bitSize = bitSize;
        this.bitOffset = bitOffset;
    }

    /** A debugger-made value from its little-endian bytes. */
    public static Value ofBytes(Type type, byte[] bytes, ValueContext ctx) {
        return new Value(type, new Place.Bytes(bytes), ctx);
    }

    /** A debugger-made integer (or pointer) value of the given type. */
    public static Value ofLong(Type type, long v, ValueContext ctx) {
        int size = (int) Math.max(1, Math.min(8, type.size()));
        byte[] b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
        return ofBytes(type, Arrays.copyOf(b, size), ctx);
    }

    public static Value ofDouble(Type type, double v, ValueContext ctx) {
        byte[] b = type.size() == 4
                ? ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat((float) v).array()
                : type.size() == 8 ? ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array()
                : FloatFormat.isX87(type.size(), type.strip().name(), architecture(ctx)) ? LongDouble.encode(v)
                : Binary128.encode(v);
        return ofBytes(type, b, ctx);
    }

    public Type type() { return type; }

    public Place place() { return place; }

    public ValueContext context() { return ctx; }

    public int bitSize() { return bitSize; }

    public int bitOffset() { return bitOffset; }

    public boolean isBitfield() { return bitSize > 0; }

    public boolean available() { return !(place instanceof Place.Unavailable); }

    /** The same place seen as another type (casts of lvalues, references followed). */
    public Value withType(Type t) {
        return new Value(t, place, ctx, bitSize, bitOffset);
    }

    public long address() {
        if (place instanceof Place.Memory m) return m.address();
        throw new EvaluationException("Attempt to take address of value not located in memory.");
    }

    public boolean inMemory() {
        return place instanceof Place.Memory;
    }

    /** The value's bytes (its type's size); errors for unavailable or unreadable values. */
    public byte[] bytes() {
        int size = (int) Math.max(0, Math.min(type.size() < 0 ? 0 : type.size(), 1 << 24));
        if (isBitfield()) size = (bitOffset + bitSize + 7) / 8;
        return raw(size);
    }

    byte[] raw(int size) {
        if (place instanceof Place.Memory m) return ctx.read(m.address(), size);
        if (place instanceof Place.Bytes b) return Arrays.copyOf(b.bytes(), size);
        if (place instanceof Place.Register r) {
            byte[] reg = ctx.registerBytes(r.dwarfRegister());
            if (reg == null) throw new EvaluationException("<not saved>");
            return Arrays.copyOf(reg, size);
        }
        throw new EvaluationException("value has been optimized out");
    }

    /** Integer contents, sign- or zero-extended by the type (bitfields included). */
    public long asLong() {
        Type t = type.strip();
        if (isBitfield()) {
            byte[] b = bytes();
            BigInteger all = new BigInteger(1, reverse(b));
            long bits = all.shiftRight(bitOffset).longValue();
            long mask = bitSize >= 64 ? -1L : (1L << bitSize) - 1;
            bits &= mask;
            if (type.isSigned() && bitSize < 64 && (bits & (1L << (bitSize - 1))) != 0) bits |= ~mask;
            return bits;
        }
        if (t.isFloat()) return (long) asDouble();
        byte[] b = bytes();
        int n = Math.min(8, b.length);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) v = (v << 8) | (b[i] & 0xff);
        if (n < 8 && n > 0 && type.isSigned() && (b[n - 1] & 0x80) != 0) v |= -1L << (n * 8);
        return v;
    }

    public double asDouble() {
        Type t = type.strip();
        if (!t.isFloat()) return type.isSigned() ? (double) asLong() : unsignedToDouble(asLong());
        return FloatFormat.toDouble(bytes(), t.name(), architecture(ctx));
    }

    /** The program's architecture, which decides what a 16-byte float's bytes are (x87, binary128). */
    private static dev.hindsight.tracer.arch.Architecture architecture(ValueContext ctx) {
        return ctx == null || ctx.program() == null ? dev.hindsight.tracer.arch.Architecture.host() : ctx.program().architecture();
    }

    static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }

    /** A member of a struct, class or union value (a static member lives at its own address). */
    public Value member(Member m) {
        if (m.isStatic()) {
            Place p = m.staticAddress() < 0 ? new Place.Unavailable("optimized out") : new Place.Memory(ctx.relocate(m.staticAddress()));
            return new Value(m.type(), p, ctx);
        }
        Type memberType = m.type();
        int bits = m.bitSize();
        if (place instanceof Place.Memory mem) {
            return new Value(memberType, new Place.Memory(mem.address() + m.offset()), ctx, bits, m.bitOffset());
        }
        if (!available()) return new Value(memberType, place, ctx, bits, m.bitOffset());
        long size = bits > 0 ? (m.bitOffset() + bits + 7) / 8 : Math.max(0, memberType.size());
        byte[] all = raw((int) Math.max(type.size(), m.offset() + size));
        byte[] part = Arrays.copyOfRange(all, (int) m.offset(), (int) (m.offset() + size));
        return new Value(memberType, new Place.Bytes(part), ctx, bits, m.bitOffset());
    }

    /** Element {@code i} of an array value. */
    public Value element(long i) {
        Type element = type.strip().target();
        long size = Math.max(0, element.size());
        if (place instanceof Place.Memory mem) return new Value(element, new Place.Memory(mem.address() + i * size), ctx);
        if (!available()) return new Value(element, place, ctx);
        byte[] all = raw((int) type.size());
        if ((i + 1) * size > all.length || i < 0) throw new EvaluationException("no such vector element");
        return new Value(element, new Place.Bytes(Arrays.copyOfRange(all, (int) (i * size), (int) ((i + 1) * size))), ctx);
    }

    /** The value a pointer or reference points at. */
    public Value dereference() {
        Type target = type.strip().target();
        return new Value(target, new Place.Memory(asLong()), ctx);
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) r[i] = b[b.length - 1 - i];
        return r;
    }
}
