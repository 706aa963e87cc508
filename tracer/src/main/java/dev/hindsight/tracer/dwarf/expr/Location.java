package dev.hindsight.tracer.dwarf.expr;

import java.util.List;

/** Where a value lives, as computed by a DWARF location description. */
public sealed interface Location {
    /** In target memory at {@code address}. */
    record Memory(long address) implements Location {}

    /** In a register, by DWARF register number. */
    record Register(int dwarfRegister) implements Location {}

    /** Not stored anywhere: the value is the given bytes (DW_OP_implicit_value) ... */
    record ImplicitValue(byte[] bytes) implements Location {}

    /** ... or the computed value itself (DW_OP_stack_value). */
    record Value(long value) implements Location {}

    /** Built from pieces, each a location and a size in bits (bit_piece also has an offset). */
    record Composite(List<Piece> pieces) implements Location {}

    /** The value cannot be found (optimized out, entry value, implicit pointer, missing context...). */
    record Unavailable(String reason) implements Location {
        /** The reason for a thread-local variable whose block for the thread cannot be found. */
        public static final String NO_THREAD_LOCAL_STORAGE = "thread-local storage unavailable";
    }

    /** One part of a composite; an {@link Unavailable} piece means that part was optimized out. */
    record Piece(Location location, long sizeInBits, long offsetInBits) {}
}
