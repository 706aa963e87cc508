package dev.hindsight.tracer.effects;

/** What an instruction does to the call tree. */
public enum InstructionKind {
    /** {@code call} in all its forms (Capstone's CALL group): pushed a return address and entered a function. */
    CALL,
    /** {@code ret}, {@code retf}, {@code iret} (Capstone's RET and IRET groups). */
    RETURN,
    /** {@code syscall} / {@code sysenter}: what the kernel wrote comes from the recording, not from the tracker. */
    SYSCALL,
    OTHER
}
