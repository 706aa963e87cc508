package dev.hindsight.mi.cli;

import dev.hindsight.mi.session.MiSession;
import dev.hindsight.mi.session.ProgramFile;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.disasm.Disassembler;
import dev.hindsight.tracer.disasm.Instruction;
import dev.hindsight.tracer.disasm.Syntax;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.elf.SymbolicAddress;
import dev.hindsight.tracer.source.SourceView;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The code that {@code x/i} and {@code disassemble} list: the stopped program's, or before the run
 * the executable file's at its link addresses (as gdb lists it then, with no {@code => } line).
 */
record CodeView(Target target, ProgramFile file, ModuleMap modules, SourceView source, Syntax syntax) {
    /** Decoders for the executable file before the run, one per syntax (a decoder holds native state). */
    private static final Map<Syntax, Disassembler> FILE_DECODERS = new EnumMap<>(Syntax.class);

    static CodeView of(MiSession s) {
        if (s.target() == null && s.program() != null) {
            ProgramFile f = ProgramFile.of(s.program());
            return new CodeView(null, f, f.modules(), new SourceView(f.modules()), s.settings().disassemblySyntax());
        }
        Target t = s.stoppedTarget();
        // the flavor the console's set or -gdb-set chose, also before the program started
        t.disassembly().setSyntax(s.settings().disassemblySyntax());
        return new CodeView(t, null, t.symbols().modulesNow(), t.symbols().source(), t.disassembly().syntax());
    }

    /** The selected frame's pc, where {@code => } goes; none before the run. */
    long pc(MiSession s) {
        return target != null ? s.frame().pc() : -1;
    }

    Optional<Instruction> instructionAt(long address) {
        if (target != null) return target.disassembly().instructionAt(address);
        Disassembler d;
        synchronized (FILE_DECODERS) {
            d = FILE_DECODERS.computeIfAbsent(syntax, Disassembler::new);
        }
        return d.decodeOne(file.read(address, Disassembler.MAX_INSTRUCTION_LENGTH), address);
    }

    Optional<String> symbolize(long address) {
        return target != null ? target.symbols().symbolize(address) : modules.symbolize(address).map(SymbolicAddress::toString);
    }

    Optional<SymbolicAddress> symbol(long address) {
        return modules.symbolize(address);
    }

    /** An expression's value as an address ({@code main+4}, {@code $pc}, {@code 0x…}). */
    long addressOf(MiSession s, String expression) {
        return target != null ? ConsoleOutput.addressOf(s, target, expression) : ConsoleOutput.addressOf(file, expression);
    }
}
