package dev.hindsight.tracer.arch;

/**
 * The system call numbers {@code confine.SeccompFilter} needs: {@code clone} (whose flags it
 * reads), {@code clone3} (answered ENOSYS), the calls it refuses (the same calls, named, on every
 * architecture: ptrace, cross-process memory, mounts and namespaces, modules, kexec, bpf, perf,
 * keyrings, io_uring, userfaultfd, file handles, swap, host names, accounting, clocks,
 * fanotify; x86's iopl and ioperm have no AArch64 counterpart), and whether the architecture has
 * the x32 ABI whose calls carry bit 30 in their number.
 */
public record ConfinedSyscalls(int cloneCall, int clone3Call, int[] refused, boolean x32Abi) {}
