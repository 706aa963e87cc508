package dev.hindsight.tracer.values.types;

/**
 * A data member or base class of a struct, class or union.
 *
 * @param name       the member's name; for a base class, the base's type name
 * @param type       its type
 * @param offset     byte offset from the start of the containing object
 * @param bitSize    width of a bitfield in bits, 0 for ordinary members
 * @param bitOffset  a bitfield's first bit, counted from the least significant bit at {@code offset}
 * @param base       whether this is an inherited base class
 * @param artificial compiler-made members such as the vtable pointer
 */
public record Member(String name, Type type, long offset, int bitSize, int bitOffset, boolean base, boolean artificial) {
    public boolean isBitfield() {
        return bitSize > 0;
    }
}
