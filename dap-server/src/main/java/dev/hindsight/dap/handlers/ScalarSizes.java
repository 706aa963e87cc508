package dev.hindsight.dap.handlers;

import java.util.Map;

/** Sizes of the C scalar types on x86-64 by the names gdb gives them (0 when not a known scalar). */
final class ScalarSizes {
    private static final Map<String, Integer> SIZES = Map.ofEntries(
            Map.entry("char", 1), Map.entry("signed char", 1), Map.entry("unsigned char", 1), Map.entry("_Bool", 1),
            Map.entry("bool", 1), Map.entry("int8_t", 1), Map.entry("uint8_t", 1),
            Map.entry("short", 2), Map.entry("unsigned short", 2), Map.entry("int16_t", 2), Map.entry("uint16_t", 2),
            Map.entry("int", 4), Map.entry("unsigned int", 4), Map.entry("float", 4), Map.entry("int32_t", 4),
            Map.entry("uint32_t", 4), Map.entry("long", 8), Map.entry("unsigned long", 8), Map.entry("long long", 8),
            Map.entry("unsigned long long", 8), Map.entry("double", 8), Map.entry("size_t", 8), Map.entry("int64_t", 8),
            Map.entry("uint64_t", 8), Map.entry("ssize_t", 8), Map.entry("intptr_t", 8), Map.entry("uintptr_t", 8));

    private ScalarSizes() {}

    static int of(String type) {
        String t = type.strip().replaceAll("^(const |volatile )+", "");
        if (t.endsWith("*")) return 8;
        if (t.startsWith("enum ")) return 4;
        return SIZES.getOrDefault(t, 0);
    }
}
