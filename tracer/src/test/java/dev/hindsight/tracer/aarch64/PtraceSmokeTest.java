package dev.hindsight.tracer.aarch64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.arch.Aarch64;
import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.sys.NativeBuffer;
import dev.hindsight.tracer.sys.Ptrace;
import dev.hindsight.tracer.sys.Signals;
import dev.hindsight.tracer.sys.Spawn;
import dev.hindsight.tracer.sys.Syscall;
import dev.hindsight.tracer.sys.Wait;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The AArch64 kernel interface the engine will stand on, driven through the tracer's own native
 * layer: a program started stopped and seized, its registers read and written as the
 * {@code NT_PRSTATUS} regset (x0-x30, sp, pc, pstate), a {@code BRK #0} stop that leaves pc at
 * the BRK (unlike x86's int3), a single step, and a breakpoint planted through /proc/PID/mem.
 * Addresses come from the host binutils' nm (an oracle independent of our ELF reader), values from
 * the fixture's source.
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "aarch64", disabledReason = "AArch64 only: misc/aarch64/run-tests.sh runs it")
class PtraceSmokeTest {
    private static final int NT_PRSTATUS = 1, REGS = 34, SP = 31, PC = 32, PSTATE = 33;
    private static final int BRK_0 = 0xd4200000;
    private final NativeBuffer status = NativeBuffer.allocate(8);

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
        int pid = startStopped(exe);

        long[] r = regs(pid);
        assertEquals(Nm.entry(exe), r[PC], "pc at the exec stop is the ELF entry");
        assertEquals(0, r[SP] & 15, "sp is 16-byte aligned at the entry");
        assertEquals(0, r[PSTATE] & 0xf, "pstate's mode field says EL0t");

        resume(Ptrace.CONT, pid);
        assertEquals(Signals.SIGTRAP, waitStop(pid), "BRK #0 stops with SIGTRAP");
        r = regs(pid);
        assertEquals(Nm.address(exe, "at_brk"), r[PC], "pc stays at the BRK");
        assertEquals(Nm.address(exe, "at_brk"), Architecture.host().breakpointAddress(r[PC]), "the seam's pc rule");
        assertEquals(42, r[0]);
        assertEquals(0xabcd1234L, r[1]);

        r[PC] += 4;  // over the BRK, as the engine will when resuming from a program's own brk
        setRegs(pid, r);
        resume(Ptrace.SINGLESTEP, pid);
        assertEquals(Signals.SIGTRAP, waitStop(pid));
        r = regs(pid);
        assertEquals(Nm.address(exe, "after_brk") + 4, r[PC], "one instruction stepped");
        assertEquals(43, r[0], "the stepped add ran");

        long exitAt = Nm.address(exe, "at_exit");
        byte[] original = peek(pid, exitAt);
        poke(pid, exitAt, new byte[] {(byte) BRK_0, (byte) (BRK_0 >> 8), (byte) (BRK_0 >> 16), (byte) (BRK_0 >>> 24)});
        resume(Ptrace.CONT, pid);
        assertEquals(Signals.SIGTRAP, waitStop(pid), "the planted BRK is hit");
        r = regs(pid);
        assertEquals(exitAt, r[PC], "pc at the planted BRK");
        assertEquals(45, r[0], "both adds ran once");

        poke(pid, exitAt, original);
        resume(Ptrace.CONT, pid);
        Wait.waitpid(pid, status, Wait.WALL);
        int s = status.getInt(0);
        assertTrue(Wait.exited(s), "exits normally once the instruction is restored: status " + s);
        assertEquals(45, Wait.exitCode(s));
    }

    /** Spawns the program behind a shell that stops itself, seizes it, and runs it to its exec. */
    private int startStopped(Path exe) {
        int pid = Spawn.spawn("/bin/sh", new String[] {"sh", "-c", "kill -STOP $$; exec \"$0\"", exe.toString()},
                new String[0], new int[] {0, 1, 2}, null, false);
        Wait.waitpid(pid, status, Wait.WUNTRACED);
        assertTrue(Wait.stopped(status.getInt(0)), "the shell stopped itself");
        Ptrace.call(Ptrace.SEIZE, pid, 0, Ptrace.O_TRACEEXEC | Ptrace.O_EXITKILL);
        Signals.kill(pid, Signals.SIGCONT, false);
        while (true) {
            Wait.waitpid(pid, status, Wait.WALL);
            int s = status.getInt(0);
            assertTrue(Wait.stopped(s), "the shell ran to its exec: status " + s);
            if (Wait.event(s) == Ptrace.EVENT_EXEC) return pid;
            int sig = Wait.event(s) != 0 || Wait.stopSignal(s) == Signals.SIGSTOP ? 0 : Wait.stopSignal(s);
            Ptrace.call(Ptrace.CONT, pid, 0, sig);
        }
    }

    private int waitStop(int pid) {
        Wait.waitpid(pid, status, Wait.WALL);
        int s = status.getInt(0);
        assertTrue(Wait.stopped(s), "a stop, not status " + s);
        return Wait.stopSignal(s);
    }

    private static void resume(int request, int pid) {
        Ptrace.call(request, pid, 0, 0);
    }

    private static long[] regs(int pid) {
        NativeBuffer buf = NativeBuffer.allocate(REGS * 8);
        NativeBuffer iov = iovec(buf);
        Ptrace.call(Ptrace.GETREGSET, pid, NT_PRSTATUS, iov.address());
        assertEquals(REGS * 8, iov.getLong(8), "the kernel's user_pt_regs size");
        long[] r = new long[REGS];
        buf.readLongs(0, r, 0, REGS);
        return r;
    }

    private static void setRegs(int pid, long[] r) {
        NativeBuffer buf = NativeBuffer.allocate(REGS * 8);
        buf.writeLongs(0, r, 0, REGS);
        Ptrace.call(Ptrace.SETREGSET, pid, NT_PRSTATUS, iovec(buf).address());
        java.lang.ref.Reference.reachabilityFence(buf);  // the kernel read it through the iovec
    }

    private static NativeBuffer iovec(NativeBuffer buf) {
        NativeBuffer iov = NativeBuffer.allocate(16);
        iov.setLong(0, buf.address());
        iov.setLong(8, buf.size());
        return iov;
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
