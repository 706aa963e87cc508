package dev.hindsight.index.build;

/**
 * An exact place in a replay without an instruction counter: the number of trace events consumed
 * and the registers there (of the one thread: recordings of several threads are refused) (see {@code dev.hindsight.tracer.record}'s documentation). A
 * shard that single-steps knows it has reached the next shard's start when both match.
 */
record Position(int eventIndex, long[] registers) {
    private static final int ORIG_RAX = 15, EFLAGS = 18;
    /** The trap and resume flags belong to the debugger's stepping, not to the program. */
    private static final long DEBUG_FLAGS = 0x100L | 0x10000L;

    /**
     * Whether a thread with {@code regs} after {@code events} events is here. orig_rax is left out:
     * it says how the kernel was last entered (a step's trap, our stop signal), not where the
     * program is.
     */
    boolean matches(int events, long[] regs) {
        if (events != eventIndex) return false;
        for (int i = 0; i < regs.length; i++) {
            if (i == ORIG_RAX) continue;
            long a = regs[i], b = registers[i];
            if (i == EFLAGS) {
                a &= ~DEBUG_FLAGS;
                b &= ~DEBUG_FLAGS;
            }
            if (a != b) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return "event " + eventIndex + ", pc 0x" + Long.toHexString(registers[16]);
    }
}
