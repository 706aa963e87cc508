package dev.hindsight.index.format;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * A map from long keys, every key kept in a boxed {@link HashMap}, with a direct-mapped table of
 * recently used keys in front of it. A build looks a key up once or more per instruction (its pc,
 * the words it reads), mostly a few hot ones, and the boxed lookup was the largest item of a
 * shard's own Java in a profile; the table answers those without boxing. A key evicted from the
 * table is still in the map, so its value is made once.
 */
public final class RecentKeyMap<V> {
    private final Map<Long, V> all = new HashMap<>();
    private final long[] slotKeys;
    private final Object[] slotValues;
    private final int slotBits;

    /** @param slotBits the table has 2^slotBits slots */
    public RecentKeyMap(int slotBits) {
        this.slotBits = slotBits;
        slotKeys = new long[1 << slotBits];
        slotValues = new Object[1 << slotBits];
    }

    /** The value of {@code key}, made by {@code make} (never null) the first time it is asked for. */
    @SuppressWarnings("unchecked")
    public V computeIfAbsent(long key, LongFunction<? extends V> make) {
        int slot = (int) (key ^ (key >>> slotBits) ^ (key >>> 2 * slotBits)) & (slotKeys.length - 1);
        V v = (V) slotValues[slot];
        if (v == null || slotKeys[slot] != key) {
            v = all.computeIfAbsent(key, make::apply);
            slotKeys[slot] = key;
            slotValues[slot] = v;
        }
        return v;
    }

    /** Every key and its value (read-only). */
    public Map<Long, V> all() {
        return Collections.unmodifiableMap(all);
    }
}
