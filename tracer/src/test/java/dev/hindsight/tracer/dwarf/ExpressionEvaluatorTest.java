package dev.hindsight.tracer.dwarf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.dwarf.expr.ExpressionContext;
import dev.hindsight.tracer.dwarf.expr.ExpressionEvaluator;
import dev.hindsight.tracer.dwarf.expr.Location;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The expression stack machine on hand-assembled bytecode. */
class ExpressionEvaluatorTest {
    private final ExpressionEvaluator eval = new ExpressionEvaluator(8);

    /** rbp=0x1000, rsp=0xff0; memory: every address reads as address+1; frame base 0x2000; CFA 0x3000; fs 0x7000. */
    private final ExpressionContext ctx = new ExpressionContext() {
        private final Map<Integer, Long> regs = Map.of(6, 0x1000L, 7, 0xff0L, 0, 42L);

        @Override public OptionalLong register(int r) {
            return regs.containsKey(r) ? OptionalLong.of(regs.get(r)) : OptionalLong.empty();
        }
        @Override public OptionalLong readMemory(long address, int size) {
            long v = address + 1;
            return OptionalLong.of(size == 8 ? v : v & ((1L << (size * 8)) - 1));
        }
        @Override public OptionalLong frameBase() { return OptionalLong.of(0x2000); }
        @Override public OptionalLong cfa() { return OptionalLong.of(0x3000); }
        @Override public OptionalLong fsBase() { return OptionalLong.of(0x7000); }
        @Override public OptionalLong tlsBlockSize() { return OptionalLong.of(0x100); }
        @Override public OptionalLong indexedAddress(long i) { return OptionalLong.of(0x400000 + i * 8); }
    };

    private Location run(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) b[i] = (byte) bytes[i];
        return eval.evaluate(b, ctx);
    }

    private long value(int... bytes) {
        return ((Location.Value) run(concat(bytes, 0x9f))).value();
    }

    private static int[] concat(int[] a, int b) {
        int[] r = java.util.Arrays.copyOf(a, a.length + 1);
        r[a.length] = b;
        return r;
    }

    @Test
    void literalsConstantsAndArithmetic() {
        assertEquals(7, value(0x37));
        assertEquals(-2, value(0x09, 0xfe));
        assertEquals(300, value(0x10, 0xac, 0x02));
        assertEquals(-129, value(0x11, 0xff, 0x7e));
        assertEquals(5 + 3, value(0x35, 0x33, 0x22));
        assertEquals(5 - 3, value(0x35, 0x33, 0x1c));
        assertEquals(-7 / 2, value(0x11, 0x79, 0x32, 0x1b));
        assertEquals(1, value(0x35, 0x33, 0x2b));
        assertEquals(12, value(0x33, 0x32, 0x24));
        assertEquals(0x10 + 0x20, value(0x40, 0x23, 0x20));
        assertEquals(0x400008, value(0xa2, 0x01));
    }

    @Test
    void stackManipulation() {
        assertEquals(2, value(0x31, 0x32, 0x14, 0x13)); // over, drop -> 2
        assertEquals(1, value(0x31, 0x32, 0x16)); // swap -> top 1
        assertEquals(2, value(0x31, 0x32, 0x33, 0x17)); // rot: 1 2 3 -> 3 1 2
        assertEquals(1, value(0x31, 0x32, 0x33, 0x15, 0x02)); // pick 2
        assertEquals(4, value(0x32, 0x12, 0x1e)); // dup, mul
    }

    @Test
    void branchesLoopBoundedAndSkip() {
        // lit3; L: dup; lit0; eq; bra END; lit1; minus; skip L; END: counts 3 down to 0.
        assertEquals(0, value(0x33, 0x12, 0x30, 0x29, 0x28, 0x05, 0x00, 0x31, 0x1c, 0x2f, 0xf5, 0xff));
        assertThrows(DwarfFormatException.class, () -> run(0x2f, 0xfd, 0xff));
    }

    @Test
    void registersMemoryAndFrame() {
        assertEquals(new Location.Register(6), run(0x56));
        assertEquals(new Location.Register(17), run(0x90, 0x11));
        assertEquals(new Location.Memory(0x1000 - 20), run(0x76, 0x6c));
        assertEquals(new Location.Memory(0x2000 - 24), run(0x91, 0x68));
        assertEquals(new Location.Memory(0x3000), run(0x9c));
        assertEquals(new Location.Memory(0x1001), run(0x76, 0x00, 0x06));
        assertEquals(new Location.Memory(0x01), run(0x30, 0x94, 0x01));
        assertEquals(new Location.Memory(0x7000 - 0x100 + 0x10), run(0x40, 0xe0));
        assertEquals(new Location.Memory(0x1234), run(0x03, 0x34, 0x12, 0, 0, 0, 0, 0, 0));
        assertInstanceOf(Location.Unavailable.class, run(0x78, 0x00)); // rax? no: breg8 (r8) unknown
    }

    @Test
    void piecesAndImplicit() {
        Location l = run(0x50, 0x93, 0x04, 0x93, 0x04, 0x91, 0x70, 0x93, 0x08);
        Location.Composite comp = assertInstanceOf(Location.Composite.class, l);
        assertEquals(3, comp.pieces().size());
        assertEquals(new Location.Register(0), comp.pieces().get(0).location());
        assertInstanceOf(Location.Unavailable.class, comp.pieces().get(1).location());
        assertEquals(new Location.Memory(0x2000 - 16), comp.pieces().get(2).location());
        Location.ImplicitValue iv = assertInstanceOf(Location.ImplicitValue.class, run(0x9e, 0x02, 0x01, 0x02));
        assertArrayEquals(new byte[] {1, 2}, iv.bytes());
        Location.Composite bits = assertInstanceOf(Location.Composite.class, run(0x35, 0x9f, 0x9d, 0x03, 0x02));
        assertEquals(3, bits.pieces().get(0).sizeInBits());
        assertEquals(2, bits.pieces().get(0).offsetInBits());
    }

    @Test
    void unavailableInsteadOfGuessing() {
        Location entry = run(0xa3, 0x01, 0x55, 0x9f);
        assertTrue(((Location.Unavailable) entry).reason().contains("entry value"));
        assertInstanceOf(Location.Unavailable.class, run(0xf3, 0x01, 0x55, 0x9f));
        assertInstanceOf(Location.Unavailable.class, run(0xa0, 0, 0, 0, 0, 0));
        assertInstanceOf(Location.Unavailable.class, run());
    }

    @Test
    void malformedBytecodeIsAFormatError() {
        assertThrows(DwarfFormatException.class, () -> run(0x22));
        assertThrows(DwarfFormatException.class, () -> run(0x0c, 0x01));
        assertThrows(DwarfFormatException.class, () -> run(0x31, 0x30, 0x1b));
        assertThrows(DwarfFormatException.class, () -> run(0xff));
        assertThrows(DwarfFormatException.class, () -> run(0x50, 0x31));
        int[] overflow = new int[2000];
        java.util.Arrays.fill(overflow, 0x31);
        assertThrows(DwarfFormatException.class, () -> run(overflow));
    }
}
