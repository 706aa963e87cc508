package dev.hindsight.tracer.arch;

/** The system call numbers the engine issues through raw syscall(2). */
public record SyscallNumbers(long ptrace, long gettid, long tgkill) {}
