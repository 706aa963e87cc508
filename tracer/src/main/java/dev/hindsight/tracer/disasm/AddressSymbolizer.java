package dev.hindsight.tracer.disasm;

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
}
