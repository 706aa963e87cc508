package dev.hindsight.tracer.ptrace;

import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.arch.X86_64;
import dev.hindsight.tracer.breakpoints.WatchKind;
import dev.hindsight.tracer.sys.NativeBuffer;
import dev.hindsight.tracer.sys.Ptrace;

/**
 * The engine's four hardware watchpoint slots and how they are programmed into a thread (threads
 * do not inherit them, so new threads are programmed at their first stop): x86-64's DR0-3 and DR7
 * in {@code struct user} ({@link X86}), or AArch64's {@code NT_ARM_HW_WATCH} regset
 * ({@link Aarch64}), where the trap comes before the access rather than after it.
 */
abstract class DebugRegisters {
    static final int SLOTS = 4;

    final long[] address = new long[SLOTS];
    final int[] length = new int[SLOTS];
    final WatchKind[] kind = new WatchKind[SLOTS];

    static DebugRegisters forHost() {
        return Architecture.host() == X86_64.INSTANCE ? new X86() : new Aarch64();
    }

    boolean anyActive() {
        for (WatchKind k : kind) if (k != null) return true;
        return false;
    }

    void set(int slot, long addr, int len, WatchKind k) {
        address[slot] = addr;
        length[slot] = len;
        kind[slot] = k;
    }

    void clear(int slot) {
        kind[slot] = null;
        address[slot] = 0;
    }

    long address(int slot) {
        return address[slot];
    }

    /** Writes the slots into one thread's debug registers. */
    abstract void apply(int tid);

    /** Turns every slot off in one thread (to step over the access that trapped, where the trap comes first). */
    abstract void disable(int tid);

    /** The slot whose condition fired on {@code tid}, given the trap's si_addr, or -1. */
    abstract int takeFired(int tid, long siginfoAddress);

    /** Whether the trap comes before the access completes (AArch64): the engine steps over it before reporting. */
    abstract boolean trapsBeforeAccess();

    /** x86-64: DR0-3 hold the addresses, DR7 enables them, DR6 says which fired; the trap follows the access. */
    static final class X86 extends DebugRegisters {
        private static final long OFFSET = 848; // offsetof(struct user, u_debugreg)
        private static final long DR6 = OFFSET + 6 * 8, DR7 = OFFSET + 7 * 8;
        private final NativeBuffer word = NativeBuffer.allocate(8);

        /** DR7 goes last, once addresses are valid. */
        @Override
        void apply(int tid) {
            Ptrace.call(Ptrace.POKEUSER, tid, DR7, 0);
            long dr7 = 0;
            for (int i = 0; i < SLOTS; i++) {
                if (kind[i] == null) continue;
                Ptrace.call(Ptrace.POKEUSER, tid, OFFSET + i * 8L, address[i]);
                long rw = kind[i] == WatchKind.WRITE ? 0b01 : 0b11;
                long len = switch (length[i]) {
                    case 1 -> 0b00;
                    case 2 -> 0b01;
                    case 8 -> 0b10;
                    default -> 0b11;
                };
                dr7 |= 1L << (2 * i);
                dr7 |= (rw | (len << 2)) << (16 + 4 * i);
            }
            if (dr7 != 0) Ptrace.call(Ptrace.POKEUSER, tid, DR7, dr7);
        }

        @Override
        void disable(int tid) {
            Ptrace.call(Ptrace.POKEUSER, tid, DR7, 0);
        }

        /** Reads and clears DR6. */
        @Override
        int takeFired(int tid, long siginfoAddress) {
            long dr6 = Ptrace.peekUser(tid, DR6, word);
            if ((dr6 & 0xf) == 0) return -1;
            Ptrace.call(Ptrace.POKEUSER, tid, DR6, 0);
            for (int i = 0; i < SLOTS; i++) if ((dr6 & (1L << i)) != 0 && kind[i] != null) return i;
            return -1;
        }

        @Override
        boolean trapsBeforeAccess() {
            return false;
        }
    }

    /**
     * AArch64: {@code struct user_hwdebug_state} (dbg_info, padding, then address/control pairs of
     * 16 bytes) through {@code NT_ARM_HW_WATCH}. DBGWCR: enable (bit 0), EL0 only (PAC = 0b10),
     * load/store (LSC: 1 load, 2 store, 3 both), byte-address select (BAS, the watched bytes from
     * the address; the kernel realigns an unaligned address and shifts BAS with it).
     */
    static final class Aarch64 extends DebugRegisters {
        private static final int NT_ARM_HW_WATCH = 0x403, SIZE = 8 + 16 * SLOTS;
        private final NativeBuffer state = NativeBuffer.allocate(SIZE);
        private final NativeBuffer iov = NativeBuffer.allocate(16);

        @Override
        void apply(int tid) {
            write(tid, true);
        }

        @Override
        void disable(int tid) {
            write(tid, false);
        }

        private void write(int tid, boolean enabled) {
            state.setLong(0, 0);
            for (int i = 0; i < SLOTS; i++) {
                long control = 0;
                if (enabled && kind[i] != null) {
                    int lsc = switch (kind[i]) {
                        case WRITE -> 0b10;
                        case READ -> 0b01;
                        case READ_WRITE -> 0b11;
                    };
                    control = 1 | (0b10 << 1) | (lsc << 3) | (((1 << length[i]) - 1) << 5);
                }
                state.setLong(8 + 16L * i, enabled && kind[i] != null ? address[i] : 0);
                state.setLong(16 + 16L * i, control);
            }
            iov.setLong(0, state.address());
            iov.setLong(8, SIZE);
            Ptrace.call(Ptrace.SETREGSET, tid, NT_ARM_HW_WATCH, iov.address());
        }

        /** The slot whose bytes hold the trapping access's address (si_addr). */
        @Override
        int takeFired(int tid, long siginfoAddress) {
            for (int i = 0; i < SLOTS; i++) {
                if (kind[i] != null && siginfoAddress >= address[i] && siginfoAddress < address[i] + length[i]) return i;
            }
            return -1;
        }

        @Override
        boolean trapsBeforeAccess() {
            return true;
        }
    }
}
