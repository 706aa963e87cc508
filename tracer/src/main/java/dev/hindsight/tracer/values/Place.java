package dev.hindsight.tracer.values;

/** Where a value lives: memory, a register of its frame, nowhere (computed bytes) or unknown. */
public sealed interface Place {
    record Memory(long address) implements Place {}

    /** A register by DWARF number, as the value's frame sees it. */
    record Register(int dwarfRegister) implements Place {}

    /** A value that exists only in the debugger: a literal, a computed result, an implicit value. */
    record Bytes(byte[] bytes) implements Place {}

    /** Optimized out, an entry value, or a location that cannot be computed: never guessed. */
    record Unavailable(String reason) implements Place {}
}
