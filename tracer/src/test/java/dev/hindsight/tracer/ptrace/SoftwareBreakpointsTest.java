package dev.hindsight.tracer.ptrace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.hindsight.tracer.arch.Aarch64;
import dev.hindsight.tracer.arch.X86_64;
import dev.hindsight.tracer.sys.NativeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Breakpoints of both widths (int3's one byte, {@code BRK #0}'s four) planted, hidden, overwritten
 * and removed in real memory through /proc/self/mem: this JVM's own buffer stands in for a
 * tracee's text, so AArch64's four-byte bookkeeping is checked on any host. Expected bytes are the
 * literal encodings (0xcc; 0xd4200000 little endian).
 */
class SoftwareBreakpointsTest {
    private static final byte[] TEXT = {0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19};

    @Test
    void brkPlantsFourBytesHidesThemAndRestoresThem() {
        NativeBuffer text = NativeBuffer.allocate(TEXT.length);
        text.write(0, TEXT, 0, TEXT.length);
        try (ProcMemory mem = new ProcMemory((int) ProcessHandle.current().pid())) {
            SoftwareBreakpoints bps = new SoftwareBreakpoints(Aarch64.INSTANCE);
            long at = text.address() + 2;
            bps.insert(mem, at);
            assertArrayEquals(bytes(0x10, 0x11, 0x00, 0x00, 0x20, 0xd4, 0x16, 0x17, 0x18, 0x19), contents(text), "BRK #0 planted");

            byte[] seen = contents(text);
            bps.hide(text.address(), seen, 0, seen.length);
            assertArrayEquals(TEXT, seen, "reads see the program's bytes");
            byte[] tail = new byte[3];
            text.read(4, tail, 0, 3);
            bps.hide(text.address() + 4, tail, 0, 3);
            assertArrayEquals(bytes(0x14, 0x15, 0x16), tail, "a read starting inside the BRK");

            // The program's own write over the BRK's last two bytes and past it.
            byte[] written = bytes(0x44, 0x55, 0x66);
            mem.write(text.address() + 4, written, 0, written.length);
            bps.afterWrite(mem, text.address() + 4, written);
            assertArrayEquals(bytes(0x10, 0x11, 0x00, 0x00, 0x20, 0xd4, 0x66, 0x17, 0x18, 0x19), contents(text), "BRK re-planted");

            bps.remove(mem, at);
            assertArrayEquals(bytes(0x10, 0x11, 0x12, 0x13, 0x44, 0x55, 0x66, 0x17, 0x18, 0x19), contents(text),
                    "removing restores the bytes as the program last wrote them");
        }
    }

    @Test
    void int3PlantsOneByte() {
        NativeBuffer text = NativeBuffer.allocate(TEXT.length);
        text.write(0, TEXT, 0, TEXT.length);
        try (ProcMemory mem = new ProcMemory((int) ProcessHandle.current().pid())) {
            SoftwareBreakpoints bps = new SoftwareBreakpoints(X86_64.INSTANCE);
            bps.insert(mem, text.address() + 9);
            assertArrayEquals(bytes(0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0xcc), contents(text));
            bps.disarm(mem, text.address() + 9);
            assertArrayEquals(TEXT, contents(text), "disarmed for a step over it");
            bps.rearm(mem, text.address() + 9);
            bps.remove(mem, text.address() + 9);
            assertArrayEquals(TEXT, contents(text));
        }
    }

    private static byte[] contents(NativeBuffer b) {
        byte[] out = new byte[TEXT.length];
        b.read(0, out, 0, out.length);
        return out;
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }
}
