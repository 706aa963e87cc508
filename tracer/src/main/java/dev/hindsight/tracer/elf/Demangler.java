package dev.hindsight.tracer.elf;

/**
 * Itanium C++ ABI demangling of symbol names, written the way gdb (libiberty) prints them:
 * {@code _ZSt9terminatev} is {@code std::terminate()}, {@code _ZNKSt6vectorIiSaIiEE4sizeEv} is
 * {@code std::vector<int, std::allocator<int> >::size() const}. It covers what compilers emit for
 * ordinary code (nested and local names, templates, substitutions, operators, constructors,
 * function and array types, clone suffixes); anything it does not understand is returned
 * unchanged rather than guessed.
 */
public final class Demangler {
    private Demangler() {}

    /**
     * A demangled function: its qualified name and its parameter list with qualifiers
     * ({@code (int) const}), null when only the name could be read.
     */
    public record Function(String name, String parameters) {}

    /**
     * A function's name and parameters apart, without a template function's return type (what gdb
     * keeps for symbols from debug information); empty when it is not a function name this understands.
     */
    public static java.util.Optional<Function> function(String mangled) {
        if (mangled == null || !mangled.startsWith("_Z") || mangled.indexOf('.') >= 0 || mangled.indexOf('@') >= 0) {
            return java.util.Optional.empty();
        }
        try {
            ItaniumParser p = new ItaniumParser(mangled);
            p.pos = 2;
            if (p.peek() == 'T' || p.peek() == 'G') return java.util.Optional.empty();
            String name = p.name();
            boolean template = p.endsInTemplate, structor = p.ctorDtor;
            String qualifiers = p.cvQualifiers + p.refQualifier;
            if (p.pos >= p.s.length()) return java.util.Optional.empty();
            try {
                if (template && !structor) p.type();
                String params = p.parameters();
                if (p.pos == p.s.length()) return java.util.Optional.of(new Function(name, params + qualifiers));
            } catch (RuntimeException e) {
                // the name is known even if a type after it is not understood
            }
            return java.util.Optional.of(new Function(name, null));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Demangled {@code name}, or {@code name} itself when it is not a mangled name this understands. */
    public static String demangle(String name) {
        if (name == null || !name.startsWith("_Z")) return name;
        int at = name.indexOf('@');
        if (at > 0) { // PLT entries and symbol versions: std::terminate()@plt
            String base = demangle(name.substring(0, at));
            return base.equals(name.substring(0, at)) ? name : base + name.substring(at);
        }
        try {
            int dot = name.indexOf('.', 2);
            ItaniumParser p = new ItaniumParser(dot < 0 ? name : name.substring(0, dot));
            p.pos = 2;
            String out = p.encoding(true);
            if (p.pos != p.s.length()) return name;
            if (dot >= 0) out += clones(name.substring(dot));
            return out;
        } catch (RuntimeException e) {
            return name; // not understood: the mangled name is still the truth
        }
    }

    /** {@code .cold}, {@code .isra.0}: libiberty's " [clone .cold]" per suffix. */
    private static String clones(String suffixes) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < suffixes.length()) {
            int next = suffixes.indexOf('.', i + 1);
            // A numeric part belongs to the suffix before it (.isra.0).
            while (next > 0 && next + 1 < suffixes.length() && Character.isDigit(suffixes.charAt(next + 1))) {
                next = suffixes.indexOf('.', next + 1);
            }
            String part = next < 0 ? suffixes.substring(i) : suffixes.substring(i, next);
            b.append(" [clone ").append(part).append(']');
            if (next < 0) break;
            i = next;
        }
        return b.toString();
    }
}
