package dev.hindsight.tracer.record;

import java.util.List;

/**
 * One nondeterministic input of a recorded run, in the order the run met them; the position in
 * that order is the event index (0, 1, 2…). Between two events the program is a pure function of
 * its state (see the package documentation).
 */
public sealed interface TraceEvent permits TraceEvent.Syscall, TraceEvent.Instruction, TraceEvent.Signal {

    /** Memory the kernel wrote during a system call. */
    record KernelWrite(long address, byte[] bytes) {}

    /**
     * A system call: the registers at its entry (kernel order: the number is {@code orig_rax},
     * the arguments rdi, rsi, rdx, r10, r8, r9), its result, how a replay treats it, what the
     * kernel wrote to memory, the trace's copy of a mapped file ({@code files/NAME}, or null),
     * and the bytes written to stdout (fd 1) or stderr (fd 2) (empty otherwise).
     */
    record Syscall(long[] entryRegisters, long result, SyscallTable.Mode mode, List<KernelWrite> writes,
                   String mappedFile, int outputFd, byte[] output) implements TraceEvent {
        public long number() {
            return entryRegisters[15];
        }

        public long arg(int i) {
            return entryRegisters[new int[] {14, 13, 12, 7, 9, 8}[i]];
        }
    }

    /** An emulated instruction (rdtsc, rdtscp, cpuid) at {@code pc}: rax, rbx, rcx, rdx after it. */
    record Instruction(Kind kind, long pc, long[] results) implements TraceEvent {
        public enum Kind { RDTSC, RDTSCP, CPUID }

        public int length() {
            return kind == Kind.RDTSCP ? 3 : 2;
        }

        /** The registers after the instruction, given those before: results in rax, rbx, rcx, rdx and the pc past it. */
        public long[] applied(long[] before) {
            long[] r = before.clone();
            r[10] = results[0];
            r[5] = results[1];
            r[11] = results[2];
            r[12] = results[3];
            r[16] = pc + length();
            return r;
        }
    }

    /**
     * A signal delivered to the program, with its siginfo (128 bytes) and the registers at the
     * instant of delivery. {@code afterSyscall}: delivered right at the exit of the previous
     * event's system call; otherwise (a fault, or an asynchronous signal mid-computation) at the
     * first instant after the previous event where the registers equal these and the stack around
     * them has this {@code stackDigest} ({@link StackDigest}; 0 when not taken). Registers alone
     * repeat in loops that keep their state in memory (-O0 code does), so the digest tells the
     * iterations apart; a state repeated exactly, stack included, still cannot be.
     */
    record Signal(int signal, byte[] siginfo, long[] registers, boolean afterSyscall, long stackDigest) implements TraceEvent {
        public Signal(int signal, byte[] siginfo, long[] registers, boolean afterSyscall) {
            this(signal, siginfo, registers, afterSyscall, 0);
        }

        /** A fault the instruction itself raised (replay meets it by running), not one sent from outside. */
        public boolean synchronous() {
            int code = java.nio.ByteBuffer.wrap(siginfo).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(8);
            return code > 0 && code != 0x80 && (signal == 4 || signal == 5 || signal == 7 || signal == 8 || signal == 11)
                    || code == 0x80 && (signal == 11 || signal == 7);
        }
    }
}
