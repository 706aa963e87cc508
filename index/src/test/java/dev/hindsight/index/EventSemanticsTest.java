package dev.hindsight.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When each kind of change becomes visible, on a hand-made stream with hand-known answers: an
 * instruction's writes from the next time on, a system call's kernel writes likewise, a mapping
 * and a signal frame before the next instruction, FP state from the instruction it is given with.
 */
class EventSemanticsTest {
    @TempDir
    Path trace;

    private static long[] regs(long pc) {
        long[] r = new long[27];
        r[16] = pc;
        r[19] = 0x7000;
        return r;
    }

    @Test
    void changesBecomeVisibleAtTheDocumentedTimes() {
        IndexStore.prepare(trace);
        byte[] fx = new byte[512];
        fx[24] = 0x1f; // an mxcsr byte
        ShardWriter w = IndexStore.createShard(trace, 0,
                new ShardStart(0, 7, regs(0x400000), null, List.of(new Region(0x1000, new byte[16], "rw-p", "data"))));
        w.instruction(7, regs(0x400000), StepKind.OTHER, new long[] {0x1000}, new byte[][] {{1}});
        w.instruction(7, regs(0x400004), StepKind.SYSCALL, null, null, fx);
        w.syscall(0, new long[] {0, 0x1001, 1, 0, 0, 0}, 1, new long[] {0x1001}, new byte[][] {{2}});
        w.mapped(new Region(0x2000, new byte[] {7, 7, 7, 7}, "r--p", "file"));
        w.instruction(7, regs(0x400006), StepKind.OTHER, null, null);
        w.signal(11, new long[] {0x1002}, new byte[][] {{3}});
        w.instruction(7, regs(0x500000), StepKind.OTHER, null, null);
        assertEquals(4, w.finish());
        IndexStore.commit(trace, 1);
        try (IndexReader r = IndexReader.open(trace)) {
            assertArrayEquals(new byte[] {0, 0, 0, 0}, r.memoryAt(0, 0x1000, 4));
            assertArrayEquals(new byte[] {1, 0, 0, 0}, r.memoryAt(1, 0x1000, 4));
            assertArrayEquals(new byte[] {1, 2, 0, 0}, r.memoryAt(2, 0x1000, 4));
            assertArrayEquals(new byte[] {1, 2, 3, 0}, r.memoryAt(3, 0x1000, 4));
            assertArrayEquals(new byte[0], r.memoryAt(1, 0x2000, 4), "not mapped yet");
            assertArrayEquals(new byte[] {7, 7, 7, 7}, r.memoryAt(2, 0x2000, 4));
            assertArrayEquals(new byte[] {0, 0}, r.memoryAt(3, 0x100e, 4), "shorter where nothing is known");
            assertEquals(List.of("2 kernel", "1 kernel", "0 program"), r.lastWrites(3, 0x1000, 3).stream()
                    .map(x -> x.time() + (x.kernel() ? " kernel" : " program")).toList());
            assertEquals(List.of(new SignalRecord(3, 11)), r.signals());
            assertEquals(1, r.syscalls().size());
            assertEquals(1, r.syscalls().get(0).time());
            assertEquals(null, r.fxsaveAt(0));
            assertArrayEquals(fx, r.fxsaveAt(1));
            assertArrayEquals(fx, r.fxsaveAt(3));
            assertEquals(0x500000, r.pcAt(3));
            assertEquals(7, r.threadAt(3));
        }
    }
}
