package dev.hindsight.tracer.disasm;

/** A decoder's raw answer for one instruction, before the gdb-style normalisation and classification. */
record Decoded(long address, byte[] bytes, String mnemonic, String operands) {}
