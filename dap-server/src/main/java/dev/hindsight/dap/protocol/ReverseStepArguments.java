package dev.hindsight.dap.protocol;

/**
 * Arguments of {@code hindsight/stepBackIn}, {@code hindsight/stepBackOut} and {@code hindsight/autoStep}: the thread, and
 * (stepBackIn) {@code "instruction"}, {@code "line"} or {@code "statement"} as DAP's stepBack takes it.
 */
public record ReverseStepArguments(Integer threadId, String granularity) { }
