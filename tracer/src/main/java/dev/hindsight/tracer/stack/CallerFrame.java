package dev.hindsight.tracer.stack;

import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.dwarf.DwarfFormatException;
import dev.hindsight.tracer.dwarf.cfi.Prologue;
import dev.hindsight.tracer.dwarf.cfi.Unwinder;
import dev.hindsight.tracer.dwarf.info.AddressRange;
import dev.hindsight.tracer.dwarf.info.DieRanges;
import dev.hindsight.tracer.dwarf.info.PcScope;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.regs.DwarfRegisters;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.source.ModuleSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the executing function returns to: its caller's pc and stack pointer after the return,
 * unwound as a backtrace's first step is (the module's call-frame information, prologue analysis
 * where there is none). Step out uses it: PLT stubs, the loader's resolver and libc have no frame
 * pointer chain, only CFI, so guessing {@code [rbp+8]} there returns from the wrong function.
 */
public record CallerFrame(long pc, long sp) {
    private static final Unwinder NO_CFI = new Unwinder(List.of());
    /** Enough for any prologue pattern {@link Prologue} recognises. */
    private static final int PROLOGUE_BYTES = 8;

    /** The caller of the frame executing at {@code regs}; empty at the outermost frame or a chain that cannot be read. */
    public static Optional<CallerFrame> of(Backend backend, ModuleMap modules, Registers regs) {
        long pc = regs.rip();
        Optional<LoadedModule> module = modules.moduleAt(pc);
        Unwinder unwinder = module.map(m -> ModuleSource.of(m.elf()).unwinder()).orElse(NO_CFI);
        Map<Integer, Long> lookup = DwarfRegisters.of(regs);
        lookup.put(Unwinder.RIP, pc - module.map(LoadedModule::bias).orElse(0L));
        Unwinder.Memory memory = (address, size) -> {
            byte[] b = new byte[8];
            if (size < 1 || size > 8 || backend.readMemory(address, b, 0, size) != size) return OptionalLong.empty();
            return OptionalLong.of(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong());
        };
        return unwinder.step(lookup, memory, true, () -> prologue(backend, modules, pc, pc))
                .filter(s -> s.registers().containsKey(Unwinder.RIP) && s.registers().containsKey(Unwinder.RSP))
                .map(s -> new CallerFrame(s.registers().get(Unwinder.RIP), s.registers().get(Unwinder.RSP)));
    }

    /**
     * Where the function containing a pc begins: the entry of its DWARF subprogram (which also
     * owns split-off parts such as gcc's {@code main.cold}), else its symbol.
     */
    static OptionalLong functionStart(ModuleMap modules, long scopePc) {
        Optional<LoadedModule> m = modules.moduleAt(scopePc);
        if (m.isPresent()) {
            long bias = m.get().bias();
            try {
                Optional<AddressRange> first = ModuleSource.of(m.get().elf()).scopeAt(scopePc - bias)
                        .flatMap(PcScope::function).flatMap(f -> DieRanges.of(f).stream().findFirst());
                if (first.isPresent()) return OptionalLong.of(first.get().low() + bias);
            } catch (DwarfFormatException e) {
                // fall back to the symbol
            }
        }
        return modules.symbolize(scopePc).map(s -> OptionalLong.of(scopePc - s.offset())).orElse(OptionalLong.empty());
    }

    /** How far the function at a pc without CFI has built its frame; null when its start is unknown. */
    static Prologue prologue(Backend backend, ModuleMap modules, long pc, long scopePc) {
        OptionalLong start = functionStart(modules, scopePc);
        if (start.isEmpty()) return null;
        byte[] code = new byte[PROLOGUE_BYTES];
        int n = backend.readMemory(start.getAsLong(), code, 0, code.length);
        if (n <= 0) return null;
        return Prologue.analyze(java.util.Arrays.copyOf(code, n), pc - start.getAsLong());
    }
}
