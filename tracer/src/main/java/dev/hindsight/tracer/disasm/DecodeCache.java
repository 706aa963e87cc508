package dev.hindsight.tracer.disasm;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers single-instruction decodes by address and bytes. Stepping decodes the same few program
 * counters over and over (loops), and every miss costs a JNA round trip plus the native array the
 * Capstone binding never frees, so a small LRU pays for itself twice. Not thread-safe; the
 * {@link Disassembler} guards it.
 */
final class DecodeCache {
    private final Map<Key, Optional<Instruction>> entries;

    DecodeCache(int capacity) {
        this.entries = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Optional<Instruction>> eldest) {
                return size() > capacity;
            }
        };
    }

    Optional<Instruction> get(long address, byte[] window) {
        return entries.get(new Key(address, window));
    }

    void put(long address, byte[] window, Optional<Instruction> decoded) {
        entries.put(new Key(address, window.clone()), decoded);
    }

    void clear() {
        entries.clear();
    }

    private record Key(long address, byte[] window) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.address == address && Arrays.equals(k.window, window);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(address) * 31 + Arrays.hashCode(window);
        }
    }
}
