package dev.hindsight.tracer.values;

/**
 * Itanium C++ names as gdb shows symbols: {@code vtable for geo::Rect}, {@code geo::area()}. Covers
 * the common shapes (nested and std names, vtables and typeinfo, simple parameter lists); anything
 * else stays mangled rather than guessed.
 */
final class Demangler {
    private Demangler() {}

    static String demangle(String symbol) {
        if (!symbol.startsWith("_Z")) return symbol;
        try {
            String out = new Itanium(symbol).demangle();
            return out != null ? out : symbol;
        } catch (RuntimeException e) {
            return symbol;
        }
    }
}
