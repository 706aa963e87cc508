package dev.hindsight.tracer.disasm;

/** How an instruction can move the program counter, which is what stepping needs to know. */
public enum ControlFlow {
    /** Falls through to the next instruction. */
    SEQUENTIAL,
    CALL,
    RETURN,
    /** Unconditional jump, direct or indirect. */
    JUMP,
    /** Jcc, loop, jrcxz: falls through or branches. */
    CONDITIONAL_JUMP,
    /** syscall / sysenter: enters the kernel, normally resumes at the next instruction. */
    SYSCALL,
    /** int3, int n, into, int1: traps. */
    INTERRUPT,
    /** Bytes that start no valid instruction; shown as {@code (bad)}. */
    INVALID
}
