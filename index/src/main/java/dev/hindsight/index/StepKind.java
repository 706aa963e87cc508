package dev.hindsight.index;

/**
 * What an instruction did to the control flow, as the index keeps it. Same constants, in the same
 * order, as the tracer's {@code effects.InstructionKind}, so either maps to the other by name.
 */
public enum StepKind { CALL, RETURN, SYSCALL, OTHER }
