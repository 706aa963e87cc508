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
 * @param staticAddress for a static data member, the link-time address of its definition; -1
 *                   for ordinary members and for statics that were never defined (optimized out)
 * @param isStatic   a static data member (printed as {@code static made = 2} by gdb)
 */
public record Member(String name, Type type, long offset, int bitSize, int bitOffset, boolean base, boolean artificial,
                     long staticAddress, boolean isStatic) {
    public Member(String name, Type type, long offset, int bitSize, int bitOffset, boolean base, boolean artificial) {
        this(name, type, offset, bitSize, bitOffset, base, artificial, -1, false);
    }

    public boolean isBitfield() {
        return bitSize > 0;
    }
}
