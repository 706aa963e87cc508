package dev.hindsight.tracer.elf;

/** An address named after the symbol it falls in: {@code main+4}. */
public record SymbolicAddress(String symbol, long offset) {
    /** As gdb writes it: {@code main+4}, and just {@code main} at offset 0. */
    @Override
    public String toString() {
        return offset == 0 ? symbol : symbol + "+" + offset;
    }
}
