package dev.hindsight.tracer.ptrace;

import dev.hindsight.tracer.breakpoints.WatchKind;
import dev.hindsight.tracer.sys.NativeBuffer;
import dev.hindsight.tracer.sys.Ptrace;

/**
 * The four x86 hardware watchpoint slots, programmed through DR0-3 and DR7 in each thread's
 * {@code struct user} (threads do not inherit them, so new threads are programmed at their first
 * stop). DR6 says which slot fired.
 */
final class DebugRegisters {
    static final int SLOTS = 4;
    private static final long OFFSET = 848; // offsetof(struct user, u_debugreg)
    private static final long DR6 = OFFSET + 6 * 8, DR7 = OFFSET + 7 * 8;

    private final long[] address = new long[SLOTS];
    private final int[] length = new int[SLOTS];
    private final WatchKind[] kind = new WatchKind[SLOTS];
    private final NativeBuffer word = NativeBuffer.allocate(8);

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

    /** Writes the slots into one thread's debug registers. DR7 goes last, once addresses are valid. */
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

    /** The slot whose condition fired on {@code tid} (and clears DR6), or -1. */
    int takeFired(int tid) {
        long dr6 = Ptrace.peekUser(tid, DR6, word);
        if ((dr6 & 0xf) == 0) return -1;
        Ptrace.call(Ptrace.POKEUSER, tid, DR6, 0);
        for (int i = 0; i < SLOTS; i++) if ((dr6 & (1L << i)) != 0 && kind[i] != null) return i;
        return -1;
    }
}
