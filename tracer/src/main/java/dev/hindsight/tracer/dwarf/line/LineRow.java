package dev.hindsight.tracer.dwarf.line;

/** One row of the line table; {@code file} indexes {@link LineTable#file(int)}. */
public record LineRow(long address, int file, long line, int column, boolean isStmt, boolean basicBlock,
                      boolean endSequence, boolean prologueEnd, boolean epilogueBegin, long discriminator) {}
