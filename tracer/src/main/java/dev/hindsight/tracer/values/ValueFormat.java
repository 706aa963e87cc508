package dev.hindsight.tracer.values;

/** How scalars are printed: as gdb does by default, or integers in hex (DAP's {@code format.hex}). */
public enum ValueFormat { NATURAL, HEX }
