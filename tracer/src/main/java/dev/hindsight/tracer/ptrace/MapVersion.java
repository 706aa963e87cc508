package dev.hindsight.tracer.ptrace;

import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.sys.Ptrace;

/**
 * A number that changes whenever the process's memory map may have changed, so that the map
 * ({@code /proc/PID/maps}, which the kernel formats anew at every read) is read again only then.
 * Mappings change only through system calls of the process itself (mmap, munmap, mprotect, brk,
 * mremap, shmat, execve: the engine's injected ones included), so the number counts every ptrace
 * request that lets a tracee run freely ({@link Ptrace#runs()}: continue, run to a system call,
 * a step that delivers a signal, the injector's continue) and every single step that may have
 * executed a system call: one whose stop was anything but the stepped thread's plain trap (an
 * event such as exec or clone, another thread, a signal, an exit), and a plain trap whose
 * registers show a system call. On x86-64 that is {@code orig_rax}: every kernel entry other than
 * a system call (the single-step trap's debug exception among them) sets it to -1. Where the
 * general registers carry no such field (AArch64) every step counts, and the map is read at every
 * stop as before. Written on the inferior's ptrace thread only, read from any.
 */
final class MapVersion {
    private static final int ORIG_SYSCALL = Architecture.host().kernelRegisterOrder().indexOf("orig_rax");

    private volatile long steps;

    long current() {
        return Ptrace.runs() + steps;
    }

    /** A single step ended in a stop other than the stepped thread's plain trap. */
    void unusualStop() {
        steps++;
    }

    /** A single step ended in the stepped thread's trap, leaving these general registers. */
    void plainStep(long[] regs) {
        if (ORIG_SYSCALL < 0 || regs[ORIG_SYSCALL] != -1) steps++;
    }
}
