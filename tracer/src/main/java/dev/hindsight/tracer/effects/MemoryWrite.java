package dev.hindsight.tracer.effects;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Bytes one instruction wrote: where, and their values right after the step. A write may cover
 * bytes whose value did not change (a {@code mov} of the value already there, the unused lanes
 * of a masked store, the parts of an xsave area the CPU skipped); it never misses a changed byte.
 */
public record MemoryWrite(long address, byte[] bytes) {
    public int size() {
        return bytes.length;
    }

    /** One past the last byte written. */
    public long end() {
        return address + bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemoryWrite w && w.address == address && Arrays.equals(w.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(address) * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 32));
        return String.format("write 0x%x+%d = %s%s", address, bytes.length, hex, bytes.length > 32 ? "…" : "");
    }
}
