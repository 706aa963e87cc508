package dev.hindsight.tracer.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.sys.GeneralRegisterSet;
import dev.hindsight.tracer.sys.NativeBuffer;
import dev.hindsight.tracer.sys.Ptrace;
import dev.hindsight.tracer.sys.SigInfo;
import dev.hindsight.tracer.sys.Signals;
import dev.hindsight.tracer.sys.Wait;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import dev.hindsight.tracer.testing.SeizedProgram;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What the engine's watchpoints will stand on for AArch64: the {@code NT_ARM_HW_WATCH} regset
 * ({@code struct user_hwdebug_state}: dbg_info, then address/control pairs). A write watchpoint on
 * an nm-found word traps with SIGTRAP, {@code TRAP_HWBKPT} and the watched address; unlike x86,
 * the trap comes before the store: pc is at the store and memory still holds the old value, so
 * the engine must step over it with the watchpoint disabled (as gdb does) to report the new value.
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "aarch64", disabledReason = "AArch64 only: misc/aarch64/run-tests.sh runs it")
class HardwareWatchpointTest {
    private static final int NT_ARM_HW_WATCH = 0x403, PC = 32;
    /** DBGWCR: enable, EL0 only (PAC=0b10), store (LSC=0b10), all eight bytes (BAS=0xff). */
    private static final int CONTROL_STORE_8 = 1 | (0b10 << 1) | (0b10 << 3) | (0xff << 5);

    @Test
    void storeWatchpointTrapsBeforeTheStore() throws IOException {
        Path exe = Fixtures.compile("aarch64/watch_store.S");
        long watched = Nm.address(exe, "watched");
        try (SeizedProgram p = SeizedProgram.atExec(exe)) {
            int slots = watchSlots(p.pid);
            assertTrue(slots >= 1, "the CPU has watchpoint slots: " + slots);
            setWatch(p.pid, slots, watched, CONTROL_STORE_8);

            Ptrace.call(Ptrace.CONT, p.pid, 0, 0);
            int s = p.waitStatus();
            assertTrue(Wait.stopped(s) && Wait.stopSignal(s) == Signals.SIGTRAP, "a SIGTRAP stop: status " + s);
            SigInfo info = new SigInfo();
            info.read(p.pid);
            assertEquals(SigInfo.TRAP_HWBKPT, info.code(), "si_code");
            assertEquals(watched, info.address(), "si_addr is the watched word");
            GeneralRegisterSet regs = new GeneralRegisterSet(Architecture.host());
            assertEquals(Nm.address(exe, "at_store"), regs.get(p.pid)[PC], "pc at the store");
            assertEquals(0, peekLong(p.pid, watched), "the store has not happened yet");

            setWatch(p.pid, slots, watched, 0);
            Ptrace.call(Ptrace.SINGLESTEP, p.pid, 0, 0);
            s = p.waitStatus();
            assertTrue(Wait.stopped(s), "stepped: status " + s);
            assertEquals(Nm.address(exe, "after_store"), regs.get(p.pid)[PC]);
            assertEquals(7, peekLong(p.pid, watched), "the store landed");

            Ptrace.call(Ptrace.CONT, p.pid, 0, 0);
            s = p.waitStatus();
            assertTrue(Wait.exited(s), "exited: status " + s);
            assertEquals(8, Wait.exitCode(s));
        }
    }

    /** dbg_info's low byte: how many watchpoint slots the hardware has. */
    private static int watchSlots(int pid) {
        NativeBuffer state = NativeBuffer.allocate(8 + 16 * 16);
        NativeBuffer iov = iovec(state, state.size());
        Ptrace.call(Ptrace.GETREGSET, pid, NT_ARM_HW_WATCH, iov.address());
        return state.getInt(0) & 0xff;
    }

    private static void setWatch(int pid, int slots, long address, int control) {
        NativeBuffer state = NativeBuffer.allocate(8 + 16L * slots);
        state.setLong(8, address);
        state.setInt(16, control);
        NativeBuffer iov = iovec(state, state.size());
        Ptrace.call(Ptrace.SETREGSET, pid, NT_ARM_HW_WATCH, iov.address());
        java.lang.ref.Reference.reachabilityFence(state);
    }

    private static NativeBuffer iovec(NativeBuffer buf, long length) {
        NativeBuffer iov = NativeBuffer.allocate(16);
        iov.setLong(0, buf.address());
        iov.setLong(8, length);
        return iov;
    }

    private static long peekLong(int pid, long address) throws IOException {
        try (RandomAccessFile mem = new RandomAccessFile("/proc/" + pid + "/mem", "r")) {
            mem.seek(address);
            byte[] b = new byte[8];
            mem.readFully(b);
            return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
    }
}
