package dev.hindsight.tracer.disasm;

import dev.hindsight.tracer.elf.Demangler;
import java.util.Optional;

/**
 * Names an address for listings, e.g. {@code printf@plt}, {@code main+4} or {@code counter}. Supplied by
 * whoever knows the symbol table (ELF, DWARF), so this package needs no ELF reader.
 */
@FunctionalInterface
public interface AddressSymbolizer {
    /** A symbolizer that knows nothing; listings then show bare addresses. */
    AddressSymbolizer NONE = address -> Optional.empty();

    Optional<String> symbolize(long address);

    /**
     * {@code names} with C++ symbols demangled as the call stack shows them: {@code <Counter::add(int)+4>}
     * for {@code <_ZN7Counter3addEi+4>} (gdb's {@code set print asm-demangle on}). For listings a learner
     * reads; views compared with gdb's default listing keep the linkage names.
     */
    public static AddressSymbolizer demangling(AddressSymbolizer names) {
        return address -> names.symbolize(address).map(AddressSymbolizer::demangleSymbol);
    }

    /** {@code _ZN7Counter3addEi+4} to {@code Counter::add(int)+4}; other names unchanged. */
    static String demangleSymbol(String symbolAndOffset) {
        int plus = symbolAndOffset.lastIndexOf('+'); // a mangled name has no '+': only the offset does
        String symbol = plus < 0 ? symbolAndOffset : symbolAndOffset.substring(0, plus);
        return Demangler.demangle(symbol) + (plus < 0 ? "" : symbolAndOffset.substring(plus));
    }
}
