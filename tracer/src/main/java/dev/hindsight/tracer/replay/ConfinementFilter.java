package dev.hindsight.tracer.replay;

import dev.hindsight.tracer.record.TraceFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The seccomp filter a confined recording ran under, kept in the trace
 * ({@code confinement.bpf}) and evaluated here. Once the system-call buffer's own filter is in
 * place the recorder continues with {@code PTRACE_CONT} and meets a call only when a filter
 * returns {@code SECCOMP_RET_TRACE}; the kernel takes the most severe answer of all filters, so a
 * call the confinement refuses ({@code SECCOMP_RET_ERRNO}: EPERM, or ENOSYS for {@code clone3})
 * fails without any stop and leaves no event. The replay meets it at its syscall-entry stop and
 * gives it the same error: the answer is a pure function of the call, so it needs no event.
 * Classic BPF as seccomp runs it, limited to what such a filter uses (loads of
 * {@code seccomp_data} words, conditional jumps on constants, returns).
 */
final class ConfinementFilter {
    private static final int RET_ACTION_FULL = 0xffff0000, RET_ERRNO = 0x00050000, RET_DATA = 0xffff;
    private static final int LD_W_ABS = 0x20, JA = 0x05, JEQ_K = 0x15, JGT_K = 0x25, JGE_K = 0x35, JSET_K = 0x45, RET_K = 0x06;
    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;

    private final short[] code;
    private final byte[] jt, jf;
    private final int[] k;

    private ConfinementFilter(short[] code, byte[] jt, byte[] jf, int[] k) {
        this.code = code;
        this.jt = jt;
        this.jf = jf;
        this.k = k;
    }

    /** The filter from its bytes ({@code struct sock_filter} array, little-endian); refused when malformed. */
    static ConfinementFilter parse(byte[] program) {
        if (program.length == 0 || program.length % 8 != 0 || program.length > 4096 * 8) {
            throw new TraceFormatException("the trace's confinement filter is corrupt (" + program.length + " bytes)");
        }
        int n = program.length / 8;
        ByteBuffer b = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        short[] code = new short[n];
        byte[] jt = new byte[n], jf = new byte[n];
        int[] k = new int[n];
        for (int i = 0; i < n; i++) {
            code[i] = b.getShort(i * 8);
            jt[i] = b.get(i * 8 + 2);
            jf[i] = b.get(i * 8 + 3);
            k[i] = b.getInt(i * 8 + 4);
            int op = code[i] & 0xffff;
            if (op != LD_W_ABS && op != JA && op != JEQ_K && op != JGT_K && op != JGE_K && op != JSET_K && op != RET_K) {
                throw new TraceFormatException("the trace's confinement filter has an instruction this replayer does not run (0x"
                        + Integer.toHexString(op) + ")");
            }
        }
        return new ConfinementFilter(code, jt, jf, k);
    }

    /**
     * The errno the filter makes call {@code nr} fail with (arguments {@code args}, from
     * {@code ip}), or 0 when it lets the call through (or stops it for the tracer).
     */
    int refusal(long nr, long[] args, long ip) {
        int ret = run(nr, args, ip);
        return (ret & RET_ACTION_FULL) == RET_ERRNO ? ret & RET_DATA : 0;
    }

    private int run(long nr, long[] args, long ip) {
        int a = 0;
        for (int pc = 0; pc < code.length; pc++) {
            int op = code[pc] & 0xffff;
            switch (op) {
                case LD_W_ABS -> a = word(k[pc], nr, args, ip);
                case JA -> pc += k[pc];
                case RET_K -> {
                    return k[pc];
                }
                default -> {
                    long x = a & 0xffffffffL, y = k[pc] & 0xffffffffL;
                    boolean taken = switch (op) {
                        case JEQ_K -> x == y;
                        case JGT_K -> x > y;
                        case JGE_K -> x >= y;
                        default -> (x & y) != 0; // JSET_K
                    };
                    pc += (taken ? jt[pc] : jf[pc]) & 0xff;
                }
            }
        }
        throw new TraceFormatException("the trace's confinement filter runs past its end");
    }

    /** A 32-bit word of {@code struct seccomp_data}: nr, arch, instruction_pointer, args[6]. */
    private static int word(int offset, long nr, long[] args, long ip) {
        if (offset == 0) return (int) nr;
        if (offset == 4) return AUDIT_ARCH_X86_64;
        long v;
        if (offset == 8 || offset == 12) v = ip;
        else if (offset >= 16 && offset < 64 && offset % 4 == 0) v = args[(offset - 16) / 8];
        else throw new TraceFormatException("the trace's confinement filter reads outside seccomp_data (offset " + offset + ")");
        return (int) (offset % 8 == 0 ? v : v >>> 32);
    }
}
