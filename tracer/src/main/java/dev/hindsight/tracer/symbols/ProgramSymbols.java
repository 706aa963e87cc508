package dev.hindsight.tracer.symbols;

import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.source.SourcePoint;
import dev.hindsight.tracer.source.SourceView;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * What a front end asks of the program's symbols and sources ({@code target.symbols()}): the
 * loaded ELF objects, names of addresses, addresses of names, and source lines, over the modules
 * the {@link ModuleTracker} keeps current.
 */
public final class ProgramSymbols {
    private final ModuleTracker modules;
    private final LongSupplier entryPoint;

    /** @param entryPoint the program's relocated ELF entry point (AT_ENTRY of its auxiliary vector) */
    public ProgramSymbols(ModuleTracker modules, LongSupplier entryPoint) {
        this.modules = modules;
        this.entryPoint = entryPoint;
    }

    /** The ELF objects loaded in the program (see {@link ModuleTracker#modules()}). */
    public ModuleMap modules() { return modules.modules(); }

    /** The ELF objects loaded now: the memory map is read again unless it already was at this stop. */
    public ModuleMap modulesNow() { return modules.modulesNow(); }

    /** {@code main+4}-style name of an address, or empty when no loaded object has a symbol there. */
    public Optional<String> symbolize(long address) { return modules.symbolize(address); }

    /** The runtime address of a symbol: the main executable first, then the loaded libraries. */
    public OptionalLong addressOf(String symbol) { return modules.addressOf(symbol); }

    /** Where the program itself starts (its ELF entry point, relocated). */
    public long entryPoint() { return entryPoint.getAsLong(); }

    /** Source queries (lines, functions) over the modules loaded now. */
    public SourceView source() { return new SourceView(modules()); }

    /** File, line, column and function at {@code pc}, when a loaded module has line information. */
    public Optional<SourcePoint> sourceAt(long pc) { return source().at(pc); }
}
