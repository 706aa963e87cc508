package dev.hindsight.tracer.sys;

/** PTRACE_GETSIGINFO into a reused buffer: signal number, si_code and fault address. */
public final class SigInfo {
    /** si_code values that tell a debugger why a SIGTRAP happened. */
    public static final int SI_KERNEL = 0x80, TRAP_BRKPT = 1, TRAP_TRACE = 2, TRAP_HWBKPT = 4, SI_USER = 0, SI_TKILL = -6;

    private final NativeBuffer buf = NativeBuffer.allocate(128);

    /** Reads the siginfo of the signal {@code tid} is stopped with; false if it has none. */
    public boolean read(int tid) {
        return Ptrace.tryCall(Ptrace.GETSIGINFO, tid, 0, buf.address()) == 0;
    }

    /** The whole 128-byte siginfo read last (to record it). */
    public byte[] raw() {
        byte[] out = new byte[128];
        buf.read(0, out, 0, 128);
        return out;
    }

    /** PTRACE_SETSIGINFO: the signal {@code tid} is stopped with gets this siginfo (a recorded one). */
    public void write(int tid, byte[] raw) {
        buf.write(0, raw, 0, 128);
        Ptrace.call(Ptrace.SETSIGINFO, tid, 0, buf.address());
    }

    public int signal() {
        return buf.getInt(0);
    }

    public int code() {
        return buf.getInt(8);
    }

    /** si_addr for SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP. */
    public long address() {
        return buf.getLong(16);
    }
}
