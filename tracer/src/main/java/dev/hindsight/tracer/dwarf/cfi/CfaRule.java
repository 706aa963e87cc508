package dev.hindsight.tracer.dwarf.cfi;

/** How to compute the canonical frame address. */
public sealed interface CfaRule {
    record RegisterOffset(int register, long offset) implements CfaRule {}

    record Expression(byte[] expression) implements CfaRule {}
}
