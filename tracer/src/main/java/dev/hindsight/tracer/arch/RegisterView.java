package dev.hindsight.tracer.arch;

import java.util.Map;

/**
 * A register as an expression names it ({@code $rax}, {@code $w0}, {@code $d0}, {@code $cpsr}):
 * the DWARF register it is (or a part of, from byte 0), how many bytes it shows and as what.
 * Flags and floating-point status registers have no DWARF number ({@code dwarf} -1): they are read
 * by name.
 */
public record RegisterView(int dwarf, int size, Kind kind, VectorUnion union, FlagsLayout flags) {
    public RegisterView(int dwarf, int size, Kind kind) {
        this(dwarf, size, kind, null, null);
    }

    /** What the bytes are, which decides the type an expression gives them. */
    public enum Kind {
        /** A signed integer of {@code size} bytes (gdb's {@code int64_t}, {@code int32_t}…). */
        INTEGER,
        DATA_POINTER,
        CODE_POINTER,
        /** The flags register, decoded by {@link Architecture#describeFlags}. */
        FLAGS,
        /** A 32-bit status or control register read by name ({@code fpsr}, {@code fpcr}), typed as its {@link #flags()} layout where it has one. */
        STATUS,
        /** {@code float} (4 bytes) or {@code double} (8): the low bytes of a vector register. */
        FLOAT,
        /** A vector register or its low part, typed as gdb's {@link #union()} of lane views. */
        VECTOR
    }

    static void put(Map<String, RegisterView> views, String name, int dwarf, int size, Kind kind) {
        views.put(name, new RegisterView(dwarf, size, kind));
    }

    static void put(Map<String, RegisterView> views, String name, int dwarf, VectorUnion union) {
        views.put(name, new RegisterView(dwarf, union.size(), Kind.VECTOR, union, null));
    }

    /** A 32-bit status register read by name and typed as gdb's flags {@code layout}. */
    static void put(Map<String, RegisterView> views, String name, FlagsLayout layout) {
        views.put(name, new RegisterView(-1, 4, Kind.STATUS, null, layout));
    }
}
