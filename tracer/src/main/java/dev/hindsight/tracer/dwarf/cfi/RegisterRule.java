package dev.hindsight.tracer.dwarf.cfi;

/** How to recover a register of the caller (DWARF 5 section 6.4.1). */
public sealed interface RegisterRule {
    record Undefined() implements RegisterRule {}

    record SameValue() implements RegisterRule {}

    /** Saved at CFA + offset. */
    record Offset(long offset) implements RegisterRule {}

    /** The value is CFA + offset. */
    record ValOffset(long offset) implements RegisterRule {}

    record InRegister(int register) implements RegisterRule {}

    /** Saved at the address computed by the expression (CFA pushed first). */
    record Expression(byte[] expression) implements RegisterRule {}

    /** The value is computed by the expression (CFA pushed first). */
    record ValExpression(byte[] expression) implements RegisterRule {}
}
