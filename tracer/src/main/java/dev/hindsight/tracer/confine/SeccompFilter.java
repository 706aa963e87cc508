package dev.hindsight.tracer.confine;

import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.arch.ConfinedSyscalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The seccomp program (classic BPF, as {@code bwrap --seccomp FD} reads it: an array of
 * {@code struct sock_filter}) that every confined process runs under. It refuses with EPERM the
 * system calls a learner's program never needs and that widen the kernel's attack surface or
 * reach beyond the sandbox: ptrace and cross-process memory access, mount and namespace
 * calls, module and kexec loading, bpf, perf, keyrings, io_uring, userfaultfd, clock and
 * host settings. {@code clone} with a namespace flag is refused; {@code clone3} (whose flags sit
 * in memory a filter cannot read) answers ENOSYS so glibc falls back to {@code clone}. Any other
 * architecture's calling convention (x32, i386 via {@code int 0x80}; AArch32 on arm64) kills the
 * process. Numbers and {@code AUDIT_ARCH} are the host's, from {@link Architecture#confinedSyscalls()}.
 */
public final class SeccompFilter {
    private static final Architecture ARCH = Architecture.host();
    private static final int X32_SYSCALL_BIT = 0x40000000;
    private static final int EPERM = 1, ENOSYS = 38;
    private static final int RET_ALLOW = 0x7fff0000, RET_ERRNO = 0x00050000, RET_KILL_PROCESS = 0x80000000;
    private static final short LD_W_ABS = 0x20, JEQ_K = 0x15, JGE_K = 0x35, JSET_K = 0x45, RET_K = 0x06;
    private static final int OFFSET_NR = 0, OFFSET_ARCH = 4, OFFSET_ARG0_LOW = 16;
    /** The host's numbers (x86-64's or the generic table's): the refused calls, clone, clone3. */
    static final ConfinedSyscalls SYSCALLS = ARCH.confinedSyscalls();
    /** The number of a system call a tracer cancelled (-1 as the filter reads it). */
    private static final long SKIPPED = 0xffffffffL;
    /** CLONE_NEWTIME, NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET. */
    static final int CLONE_NAMESPACE_FLAGS = 0x80 | 0x20000 | 0x02000000 | 0x04000000 | 0x08000000
            | 0x10000000 | 0x20000000 | 0x40000000;

    private SeccompFilter() {}

    /** The filter as bytes in the machine's order. */
    public static byte[] program() {
        List<long[]> insns = new ArrayList<>(); // {code, jt, jf, k}
        insns.add(new long[] {LD_W_ABS, 0, 0, OFFSET_ARCH});
        insns.add(new long[] {JEQ_K, 1, 0, ARCH.auditArch() & 0xffffffffL});
        insns.add(new long[] {RET_K, 0, 0, RET_KILL_PROCESS});
        insns.add(new long[] {LD_W_ABS, 0, 0, OFFSET_NR});
        // A call the tracer cancelled at its entry (orig_rax = -1: a recording emulates it) is
        // filtered again as number -1, which runs nothing; it must not count as an x32 call.
        insns.add(new long[] {JEQ_K, 0, 1, SKIPPED});
        insns.add(new long[] {RET_K, 0, 0, RET_ALLOW});
        if (SYSCALLS.x32Abi()) {
            insns.add(new long[] {JGE_K, 0, 1, X32_SYSCALL_BIT});
            insns.add(new long[] {RET_K, 0, 0, RET_KILL_PROCESS});
        }
        for (int nr : SYSCALLS.refused()) {
            insns.add(new long[] {JEQ_K, 0, 1, nr});
            insns.add(new long[] {RET_K, 0, 0, RET_ERRNO | EPERM});
        }
        insns.add(new long[] {JEQ_K, 0, 1, SYSCALLS.clone3Call()});
        insns.add(new long[] {RET_K, 0, 0, RET_ERRNO | ENOSYS});
        insns.add(new long[] {JEQ_K, 0, 3, SYSCALLS.cloneCall()});
        insns.add(new long[] {LD_W_ABS, 0, 0, OFFSET_ARG0_LOW});
        insns.add(new long[] {JSET_K, 0, 1, CLONE_NAMESPACE_FLAGS});
        insns.add(new long[] {RET_K, 0, 0, RET_ERRNO | EPERM});
        insns.add(new long[] {RET_K, 0, 0, RET_ALLOW});
        ByteBuffer out = ByteBuffer.allocate(insns.size() * 8).order(ByteOrder.nativeOrder());
        for (long[] i : insns) {
            out.putShort((short) i[0]).put((byte) i[1]).put((byte) i[2]).putInt((int) i[3]);
        }
        return out.array();
    }
}
