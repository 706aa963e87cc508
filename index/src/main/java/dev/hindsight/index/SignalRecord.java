package dev.hindsight.index;

/** A signal delivered before the instruction at {@code time}. */
public record SignalRecord(long time, int signo) {}
