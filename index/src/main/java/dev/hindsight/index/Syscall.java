package dev.hindsight.index;

/** A system call made by the instruction at {@code time}: its number, arguments and result. */
public record Syscall(long time, long number, long[] args, long result) {}
