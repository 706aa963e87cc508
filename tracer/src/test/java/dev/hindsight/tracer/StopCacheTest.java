package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.stack.StopCache;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.testing.Nm;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Registers and stacks are read once per stop and kept (see {@link StopCache}): whatever changes
 * the program — a resume, a register or memory write, a breakpoint — must show at once.
 */
class StopCacheTest {
    private final Path exe = Fixtures.compile("recurse.c", "-no-pie");

    private static byte[] word(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    /** Stopped in the outermost recurse(4), called from main. */
    private Target inRecurse() {
        Target t = Target.launch(LaunchSpec.of(exe));
        t.breakpoints().addFunction("recurse");
        stopped(t.execution().resume());
        return t;
    }

    @Test
    void aShallowWalkIsThePrefixOfADeepOneInEitherOrder() {
        try (Target t = inRecurse()) {
            int tid = t.currentThread();
            List<Frame> top = t.frames().backtrace(tid, 1);
            List<Frame> all = t.frames().backtrace(tid, 64);
            assertEquals(List.of("recurse", "main"), all.stream().map(Frame::function).toList());
            assertEquals(all.subList(0, 1), top);
            assertEquals(all.subList(0, 2), t.frames().backtrace(tid, 2));
            assertEquals(all, t.frames().backtrace(tid, 3), "the walk ended at main: asking for more gives the same");
            t.frames().backtrace(tid, 1).clear(); // callers get their own list
            assertEquals(all, t.frames().backtrace(tid, 64));
        }
    }

    @Test
    void aMemoryWriteShowsInTheNextWalk() {
        try (Target t = inRecurse()) {
            int tid = t.currentThread();
            List<Frame> before = t.frames().backtrace(tid, 64);
            long slot = before.get(0).cfa() - 8; // recurse's return address into main
            byte[] original = t.memory().read(slot, 8);
            assertArrayEquals(word(before.get(1).pc()), original);
            long elsewhere = Nm.address(exe, "recurse") + 4;
            t.memory().write(slot, word(elsewhere));
            Frame caller = t.frames().backtrace(tid, 2).get(1);
            assertEquals(elsewhere, caller.pc());
            assertEquals("recurse", caller.function());
            t.memory().write(slot, original);
            assertEquals(before, t.frames().backtrace(tid, 64));
        }
    }

    @Test
    void stackReadsAtAStopAreTheProgramsBytesAndAWriteShowsAtOnce() throws Exception {
        try (Target t = inRecurse()) {
            long rsp = t.registers().current().rsp();
            java.util.function.LongFunction<byte[]> proc = (long at) -> {
                try (java.io.RandomAccessFile mem = new java.io.RandomAccessFile("/proc/" + t.pid() + "/mem", "r")) {
                    byte[] b = new byte[200];
                    mem.seek(at);
                    mem.readFully(b);
                    return b;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            // Across the cached blocks' boundaries, below and above rsp, as the memory panel asks.
            for (long at = rsp - 64; at < rsp + 900; at += 37) assertArrayEquals(proc.apply(at), t.memory().read(at, 200), "at rsp" + (at - rsp));
            t.memory().write(rsp + 16, word(0x1122334455667788L));
            assertArrayEquals(word(0x1122334455667788L), t.memory().read(rsp + 16, 8));
            assertArrayEquals(proc.apply(rsp), t.memory().read(rsp, 200));
        }
    }

    @Test
    void aRegisterWriteShowsInRegistersAndTheNextWalk() {
        try (Target t = inRecurse()) {
            int tid = t.currentThread();
            Registers before = t.registers().of(tid);
            assertEquals("recurse", t.frames().backtrace(tid, 1).get(0).function());
            t.registers().set(tid, "rax", 0x1234);
            assertEquals(0x1234, t.registers().of(tid).rax());
            t.registers().set(tid, "rip", Nm.address(exe, "main"));
            assertEquals(Nm.address(exe, "main"), t.registers().current().rip());
            assertEquals("main", t.frames().backtrace(tid, 1).get(0).function());
            t.registers().set(tid, "rip", before.rip());
            t.registers().set(tid, "rax", before.rax());
            assertEquals(before, t.registers().of(tid));
            assertEquals("recurse", t.frames().backtrace(tid, 1).get(0).function());
        }
    }

    @Test
    void everyStopShowsItsOwnRegistersAndStack() {
        try (Target t = inRecurse()) {
            int tid = t.currentThread();
            assertEquals(2, t.frames().backtrace(tid, 64).size());
            long cfa = t.frames().backtrace(tid, 1).get(0).cfa();
            StopEvent.Stopped step = stopped(t.execution().stepInstruction());
            assertEquals(step.pc(), t.registers().of(tid).rip());
            stopped(t.execution().resume()); // recurse(3), one level deeper
            List<Frame> deeper = t.frames().backtrace(tid, 64);
            assertEquals(List.of("recurse", "recurse", "main"), deeper.stream().map(Frame::function).toList());
            assertTrue(Long.compareUnsigned(deeper.get(0).cfa(), cfa) < 0, "a deeper frame");
            assertEquals(deeper.get(0).pc(), t.registers().current().rip());
        }
    }

    /** The program's memory as the kernel shows it (breakpoints included, as int3). */
    private static byte[] procMem(int pid, long at, int length) {
        try (java.io.RandomAccessFile mem = new java.io.RandomAccessFile("/proc/" + pid + "/mem", "r")) {
            byte[] b = new byte[length];
            mem.seek(at);
            mem.readFully(b);
            return b;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void codeAroundThePcReadsAsTheProgramsBytesAndAWriteShowsAtOnce() {
        try (Target t = inRecurse()) {
            long breakpoint = t.registers().current().rip();
            stopped(t.execution().stepInstruction());
            long pc = t.registers().current().rip();
            // Across the code blocks read at the stop and beyond them, as a disassembly view asks;
            // the breakpoint's int3 is the kernel's byte, not the program's.
            for (long at = pc - 600; at < pc + 700; at += 53) {
                byte[] kernel = procMem(t.pid(), at, 100);
                byte[] read = t.memory().read(at, 100);
                if (breakpoint >= at && breakpoint < at + 100) {
                    int i = (int) (breakpoint - at);
                    assertEquals((byte) 0xcc, kernel[i], "the breakpoint is in the kernel's bytes");
                    assertNotEquals((byte) 0xcc, read[i], "and hidden from a read");
                    kernel[i] = read[i];
                }
                assertArrayEquals(kernel, read, "at pc" + (at - pc));
            }
            byte[] original = t.memory().read(pc, 1);
            t.memory().write(pc, new byte[] {(byte) 0x90});
            assertEquals("nop", t.disassembly().instructionAt(pc).orElseThrow().mnemonic());
            t.memory().write(pc, original);
            assertArrayEquals(procMem(t.pid(), pc, 16), t.memory().read(pc, 16));
        }
    }
}
