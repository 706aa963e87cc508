package dev.hindsight.index;

/**
 * A call or return instruction at {@code time} by thread {@code tid}: its pc, where it went
 * ({@code target}, the next instruction's pc; -1 when the run ended there) and the thread's call
 * depth before it (0 at the start of the run; a return at depth 0 leaves a function entered
 * before the run's first instruction).
 */
public record CallRecord(long time, int tid, StepKind kind, long pc, long target, int depth) {}
