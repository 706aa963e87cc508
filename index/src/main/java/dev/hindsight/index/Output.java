package dev.hindsight.index;

/** Bytes written to {@code fd} by the system call at {@code time}. */
public record Output(long time, int fd, byte[] bytes) {}
