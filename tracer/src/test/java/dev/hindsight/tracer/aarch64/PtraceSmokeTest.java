package dev.hindsight.tracer.aarch64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.arch.Aarch64;
import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.sys.GeneralRegisterSet;
import dev.hindsight.tracer.sys.Ptrace;
import dev.hindsight.tracer.sys.Signals;
import dev.hindsight.tracer.sys.Syscall;
import dev.hindsight.tracer.sys.Wait;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import dev.hindsight.tracer.testing.SeizedProgram;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The AArch64 kernel interface the engine will stand on, driven through the tracer's own native
 * layer: a program started stopped and seized, its registers read and written as the
 * {@code NT_PRSTATUS} regset by the engine's {@link GeneralRegisterSet} (x0-x30, sp, pc, pstate), a {@code BRK #0} stop that leaves pc at
 * the BRK (unlike x86's int3), a single step, and a breakpoint planted through /proc/PID/mem.
 * Addresses come from the host binutils' nm (an oracle independent of our ELF reader), values from
 * the fixture's source.
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "aarch64", disabledReason = "AArch64 only: misc/aarch64/run-tests.sh runs it")
class PtraceSmokeTest {
    private static final int SP = 31, PC = 32, PSTATE = 33;
    private static final int BRK_0 = 0xd4200000;

    @Test
    void hostArchitectureAndItsSystemCallNumbers() throws IOException {
        assertSame(Aarch64.INSTANCE, Architecture.host());
        String threadSelf = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        assertEquals(Long.parseLong(threadSelf), Syscall.gettid(), "raw gettid by the generic table's number");
        byte[] brk = {(byte) BRK_0, (byte) (BRK_0 >> 8), (byte) (BRK_0 >> 16), (byte) (BRK_0 >>> 24)};
        assertArrayEquals(brk, Architecture.host().breakpointInstruction());
    }

    @Test
    void registersBrkSingleStepAndPlantedBreakpoint() throws IOException {
        Path exe = Fixtures.compile("aarch64/ptrace_smoke.S");
        try (SeizedProgram p = SeizedProgram.atExec(exe)) {
            drive(exe, p);
        }
    }

    private void drive(Path exe, SeizedProgram p) throws IOException {
        int pid = p.pid;
        GeneralRegisterSet regs = new GeneralRegisterSet(Architecture.host());

        long[] r = regs.get(pid);
        assertEquals(Nm.entry(exe), r[PC], "pc at the exec stop is the ELF entry");
        assertEquals(0, r[SP] & 15, "sp is 16-byte aligned at the entry");
        assertEquals(0, r[PSTATE] & 0xf, "pstate's mode field says EL0t");

        resume(Ptrace.CONT, pid);
        assertEquals(Signals.SIGTRAP, waitStop(p), "BRK #0 stops with SIGTRAP");
        r = regs.get(pid);
        assertEquals(Nm.address(exe, "at_brk"), r[PC], "pc stays at the BRK");
        assertEquals(Nm.address(exe, "at_brk"), Architecture.host().breakpointAddress(r[PC]), "the seam's pc rule");
        assertEquals(42, r[0]);
        assertEquals(0xabcd1234L, r[1]);

        r[PC] += 4;  // over the BRK, as the engine will when resuming from a program's own brk
        regs.set(pid, r);
        resume(Ptrace.SINGLESTEP, pid);
        assertEquals(Signals.SIGTRAP, waitStop(p));
        r = regs.get(pid);
        assertEquals(Nm.address(exe, "after_brk") + 4, r[PC], "one instruction stepped");
        assertEquals(43, r[0], "the stepped add ran");

        long exitAt = Nm.address(exe, "at_exit");
        byte[] original = peek(pid, exitAt);
        poke(pid, exitAt, new byte[] {(byte) BRK_0, (byte) (BRK_0 >> 8), (byte) (BRK_0 >> 16), (byte) (BRK_0 >>> 24)});
        resume(Ptrace.CONT, pid);
        assertEquals(Signals.SIGTRAP, waitStop(p), "the planted BRK is hit");
        r = regs.get(pid);
        assertEquals(exitAt, r[PC], "pc at the planted BRK");
        assertEquals(45, r[0], "both adds ran once");

        poke(pid, exitAt, original);
        resume(Ptrace.CONT, pid);
        int s = p.waitStatus();
        assertTrue(Wait.exited(s), "exits normally once the instruction is restored: status " + s);
        assertEquals(45, Wait.exitCode(s));
    }

    private int waitStop(SeizedProgram p) {
        int s = p.waitStatus();
        assertTrue(Wait.stopped(s), "a stop, not status " + s);
        return Wait.stopSignal(s);
    }

    private static void resume(int request, int pid) {
        Ptrace.call(request, pid, 0, 0);
    }

    private static byte[] peek(int pid, long address) throws IOException {
        try (RandomAccessFile mem = new RandomAccessFile("/proc/" + pid + "/mem", "r")) {
            mem.seek(address);
            byte[] b = new byte[4];
            mem.readFully(b);
            return b;
        }
    }

    private static void poke(int pid, long address, byte[] bytes) throws IOException {
        try (RandomAccessFile mem = new RandomAccessFile("/proc/" + pid + "/mem", "rw")) {
            mem.seek(address);
            mem.write(bytes);
        }
    }
}
