package dev.hindsight.mi.session;

import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.regs.FpRegisters;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.values.Variable;
import dev.hindsight.tracer.values.format.FloatFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A structure of at most 16 bytes a function returned in registers, as gdb prints it
 * ({@code {a = 5, b = 6}}): the x86-64 System V ABI gives each of its eightbytes a class, SSE
 * when only {@code double} or {@code float} members lie in it, INTEGER otherwise, and takes
 * INTEGER ones from rax then rdx and SSE ones from xmm0 then xmm1. Only structures of scalar
 * members (integers, pointers, {@code double}, {@code float}) are assembled; others are not.
 */
public final class RegisterStructure {
    private record Member(String name, String type, int offset, int size, boolean floating) {}

    private RegisterStructure() {}

    static Optional<String> text(Target t, int tid, Frame here, String type, int size, long rax) {
        try {
            List<Member> members = members(t, tid, here, type);
            if (members.isEmpty()) return Optional.empty();
            byte[] bytes = new byte[16];
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            long[] integers = {rax, t.registers(tid).get("rdx")};
            FpRegisters fp = t.fpRegisters(tid);
            int nextInteger = 0, nextSse = 0;
            boolean[] sse = classes(members, size);
            for (int eightbyte = 0; eightbyte < sse.length; eightbyte++) {
                if (sse[eightbyte]) System.arraycopy(fp.xmm(nextSse++), 0, bytes, eightbyte * 8, 8);
                else b.putLong(eightbyte * 8, integers[nextInteger++]);
            }
            StringBuilder out = new StringBuilder("{");
            for (Member m : members) {
                if (out.length() > 1) out.append(", ");
                out.append(m.name()).append(" = ").append(value(t, here, m, b));
            }
            return Optional.of(out.append('}').toString());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Each eightbyte's class, true for SSE, of a structure of {@code size} bytes (at most 16);
     * empty when a member is not a scalar, which Hindsight does not classify.
     */
    public static Optional<boolean[]> classes(Target t, int tid, Frame here, String type, int size) {
        try {
            List<Member> members = members(t, tid, here, type);
            return members.isEmpty() ? Optional.empty() : Optional.of(classes(members, size));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean[] classes(List<Member> members, int size) {
        boolean[] sse = new boolean[(size + 7) / 8];
        for (int eightbyte = 0; eightbyte < sse.length; eightbyte++) {
            sse[eightbyte] = true;
            for (Member m : members) {
                if (m.offset() < eightbyte * 8 + 8 && m.offset() + m.size() > eightbyte * 8) sse[eightbyte] &= m.floating();
            }
        }
        return sse;
    }

    private static String value(Target t, Frame here, Member m, ByteBuffer b) {
        if (m.type().equals("double")) return FloatFormat.ofDouble(b.getDouble(m.offset()));
        if (m.type().equals("float")) return FloatFormat.ofFloat(b.getFloat(m.offset()));
        long bits = switch (m.size()) {
            case 1 -> b.get(m.offset()) & 0xffL;
            case 2 -> b.getShort(m.offset()) & 0xffffL;
            case 4 -> b.getInt(m.offset()) & 0xffffffffL;
            default -> b.getLong(m.offset());
        };
        return t.evaluate("(" + m.type() + ") 0x" + Long.toHexString(bits), here).value();
    }

    /** The members' names, types, offsets and sizes, read from the type through the evaluator; empty if one is not a scalar. */
    private static List<Member> members(Target t, int tid, Frame here, String type) {
        long somewhere = t.registers(tid).rsp(); // any readable address: only the members' names and types are read
        Variable v = t.evaluate("*(" + type + " *) 0x" + Long.toHexString(somewhere), here);
        List<Member> out = new ArrayList<>();
        for (Variable c : v.children()) {
            if (c.hasChildren() && !c.type().endsWith("*")) return List.of();
            if (c.type().equals("long double") || c.type().contains("[")) return List.of();
            Long address = Numbers.leadingNumber(t.evaluate("&((" + type + " *) 0)->" + c.name(), here).value());
            if (address == null) return List.of();
            int size = Integer.parseInt(t.evaluate("sizeof(" + c.type() + ")", here).value().strip());
            out.add(new Member(c.name(), c.type(), address.intValue(), size, c.type().equals("double") || c.type().equals("float")));
        }
        return out;
    }
}
