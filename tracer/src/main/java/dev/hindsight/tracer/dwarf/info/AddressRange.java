package dev.hindsight.tracer.dwarf.info;

/** Half-open address range [low, high), compared unsigned. */
public record AddressRange(long low, long high) {
    public boolean contains(long pc) {
        return Long.compareUnsigned(pc, low) >= 0 && Long.compareUnsigned(pc, high) < 0;
    }

    public boolean isEmpty() {
        return Long.compareUnsigned(high, low) <= 0;
    }

    @Override
    public String toString() {
        return "[0x" + Long.toHexString(low) + ", 0x" + Long.toHexString(high) + ")";
    }
}
