package dev.hindsight.tracer.values.scope;

import dev.hindsight.tracer.dwarf.DwarfFormatException;
import dev.hindsight.tracer.dwarf.expr.ExpressionContext;
import dev.hindsight.tracer.dwarf.expr.ExpressionEvaluator;
import dev.hindsight.tracer.dwarf.expr.Location;
import dev.hindsight.tracer.dwarf.expr.LocationLists;
import dev.hindsight.tracer.dwarf.info.Attribute;
import dev.hindsight.tracer.dwarf.info.Die;
import dev.hindsight.tracer.dwarf.info.DwAt;
import dev.hindsight.tracer.values.Place;
import dev.hindsight.tracer.values.ValueContext;
import dev.hindsight.tracer.values.types.Type;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;

/** Where a variable DIE's value is at a pc: its location expression or list, or its constant value. */
final class DieLocation {
    private DieLocation() {}

    static Place of(Die die, Type type, long linkPc, ExpressionContext expr, ValueContext ctx) {
        try {
            Optional<Attribute> constant = die.attribute(DwAt.CONST_VALUE);
            if (constant.isPresent()) return constant(constant.get(), type);
            Optional<byte[]> expression = LocationLists.expressionAt(die, DwAt.LOCATION, linkPc);
            if (expression.isEmpty()) return new Place.Unavailable("optimized out");
            Location l = new ExpressionEvaluator(die.unit().addressSize()).evaluate(expression.get(), expr);
            return place(l, type, ctx);
        } catch (DwarfFormatException e) {
            return new Place.Unavailable(e.getMessage());
        }
    }

    private static Place constant(Attribute a, Type type) {
        if (a.block() != null) return new Place.Bytes(a.block());
        int size = (int) Math.max(1, Math.min(8, type.size()));
        long v = a.signedValue();
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (v >>> (8 * i));
        return new Place.Bytes(Arrays.copyOf(b, size));
    }

    static Place place(Location l, Type type, ValueContext ctx) {
        if (l instanceof Location.Memory m) return new Place.Memory(m.address());
        if (l instanceof Location.Register r) return new Place.Register(r.dwarfRegister());
        if (l instanceof Location.ImplicitValue iv) return new Place.Bytes(iv.bytes());
        if (l instanceof Location.Value v) {
            byte[] b = new byte[8];
            for (int i = 0; i < 8; i++) b[i] = (byte) (v.value() >>> (8 * i));
            return new Place.Bytes(Arrays.copyOf(b, (int) Math.max(1, Math.min(8, type.size()))));
        }
        if (l instanceof Location.Composite c) return composite(c, ctx);
        if (l instanceof Location.Unavailable u) return new Place.Unavailable(u.reason());
        return new Place.Unavailable("unknown location");
    }

    /** Pieces put together byte-wise (bit pieces at byte granularity, which is what compilers emit). */
    private static Place composite(Location.Composite c, ValueContext ctx) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Location.Piece p : c.pieces()) {
            int bytes = (int) ((p.sizeInBits() + 7) / 8);
            byte[] part;
            Location l = p.location();
            if (l instanceof Location.Memory m) {
                part = ctx.readSome(m.address(), bytes);
                if (part.length < bytes) return new Place.Unavailable("unreadable piece");
            } else if (l instanceof Location.Register r) {
                byte[] reg = ctx.registerBytes(r.dwarfRegister());
                if (reg == null) return new Place.Unavailable("register not saved");
                int from = (int) (p.offsetInBits() / 8);
                part = Arrays.copyOfRange(reg, Math.min(from, reg.length), Math.min(from + bytes, reg.length));
                part = Arrays.copyOf(part, bytes);
            } else if (l instanceof Location.ImplicitValue iv) {
                part = Arrays.copyOf(iv.bytes(), bytes);
            } else if (l instanceof Location.Value v) {
                part = new byte[bytes];
                for (int i = 0; i < Math.min(8, bytes); i++) part[i] = (byte) (v.value() >>> (8 * i));
            } else {
                return new Place.Unavailable("optimized out");
            }
            out.write(part, 0, part.length);
        }
        return new Place.Bytes(out.toByteArray());
    }
}
