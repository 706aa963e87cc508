package dev.hindsight.mi.cli;

import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.mi.session.SharedLibraries;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.elf.ElfSection;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.elf.SymbolicAddress;
import java.util.Optional;

/**
 * {@code info symbol ADDR}: the ELF symbol an address falls in, as gdb's sentence {@code main + 24
 * in section .text of /path/prog} (the object named as gdb names it: a library by ld.so's name for
 * it), or {@code No symbol matches ADDR.}
 */
final class InfoSymbol {
    private InfoSymbol() {}

    static void show(MiSession s, String expression) {
        if (expression.isEmpty()) throw new MiException("Argument required (address).");
        // before the run gdb has the executable alone, at its link addresses, and names no object
        dev.hindsight.mi.session.ProgramFile file = s.target() == null && s.program() != null ? dev.hindsight.mi.session.ProgramFile.of(s.program()) : null;
        Target t = file == null ? s.stoppedTarget() : null;
        long address = file != null ? ConsoleOutput.addressOf(file, expression) : ConsoleOutput.addressOf(s, t, expression);
        Optional<LoadedModule> module = (file != null ? file.modules() : t.symbols().modulesNow()).moduleAt(address);
        long link = module.map(m -> address - m.bias()).orElse(0L);
        Optional<SymbolicAddress> symbol = module.flatMap(m -> m.elf().symbols().lookup(link));
        Optional<ElfSection> section = module.flatMap(m -> m.elf().sections().stream()
                .filter(c -> (c.flags() & ElfSection.SHF_ALLOC) != 0 && c.size() > 0 && link >= c.address() && link < c.address() + c.size())
                .findFirst());
        if (symbol.isEmpty() || section.isEmpty()) {
            s.out().console("No symbol matches " + expression + ".\n");
            return;
        }
        SymbolicAddress a = symbol.get();
        String name = a.offset() == 0 ? a.symbol() : a.symbol() + " + " + a.offset();
        // a running program has several objects (ld.so, the vDSO, libraries): gdb then says which one
        String of = file != null ? "" : " of " + objectName(t, module.get(), address);
        s.out().console(name + " in section " + section.get().name() + of + "\n");
    }

    private static String objectName(Target t, LoadedModule m, long address) {
        if (m.mainExecutable()) return m.path();
        for (SharedLibraries.Library l : SharedLibraries.loaded(t)) {
            if (address >= l.from() && address < l.to()) return l.name();
        }
        return m.path();
    }
}
